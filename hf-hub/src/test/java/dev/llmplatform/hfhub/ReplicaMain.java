package dev.llmplatform.hfhub;

import java.nio.file.Path;

/**
 * One "replica" in its own JVM: fetches a file and prints {@code OK <verification> <path>}, or exits with 1 and the
 * error. Arguments: endpoint, cache folder, repository, path.
 */
public final class ReplicaMain {

    private ReplicaMain() {
    }

    public static void main(String[] args) throws Exception {
        HubOptions options = HubOptions.of(Path.of(args[1])).withEndpoint(args[0]);
        try {
            HubDownload result = new HubFileDownloader(options).fetch(HubFile.of(args[2], args[3]));
            System.out.println("OK " + result.verification() + " " + result.path());
        } catch (HubException e) {
            System.out.println("FAILED " + e.reason() + " " + e.getMessage());
            System.exit(1);
        }
    }
}
