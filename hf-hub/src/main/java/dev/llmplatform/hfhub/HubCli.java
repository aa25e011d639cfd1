package dev.llmplatform.hfhub;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command-line entry for scripts:
 *
 * <pre>
 * java -cp hf-hub.jar:jboss-logging.jar dev.llmplatform.hfhub.HubCli download &lt;repo&gt; &lt;path-in-repo&gt;
 *         [--revision R] [--sha256 S]
 * </pre>
 *
 * fetches one file of a Hub repository into the Hugging Face cache exactly as {@link HubFileDownloader} does (cache
 * first, {@code HF_HUB_OFFLINE}, verified against the sha256 given, else the Hub's sha256 or git blob sha1, locked,
 * resumable) with the options the standard variables give ({@link HubOptions#fromEnvironment}: {@code HF_ENDPOINT},
 * {@code HF_TOKEN}, {@code HF_HUB_CACHE} / {@code HF_HOME}, {@code HF_HUB_OFFLINE}, {@code HF_HUB_DOWNLOAD_TIMEOUT}),
 * and prints the local path, alone on its line, on standard output. Progress goes to the log (standard error). On
 * failure it prints the reason on standard error and exits with 1 (2 for a wrong command line).
 */
public final class HubCli {

    /** Exit status of a failed download. */
    static final int FAILED = 1;
    /** Exit status of a command line that cannot be run. */
    static final int USAGE = 2;
    private static final String USAGE_TEXT = "usage: HubCli download <repo> <path-in-repo> [--revision R] "
            + "[--sha256 S]";

    private HubCli() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) throws InterruptedException {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    /**
     * Runs one command.
     *
     * @param env the environment the options are read from
     * @param out where the local path is printed
     * @param err where failures are reported
     * @return the exit status: 0, {@link #FAILED} or {@link #USAGE}
     */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err)
            throws InterruptedException {
        if (args.isEmpty() || !args.get(0).equals("download")) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String revision = HubFile.DEFAULT_REVISION;
        Optional<String> sha256 = Optional.empty();
        String repo = null;
        String path = null;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--revision") || arg.equals("--sha256")) && i + 1 < args.size()) {
                String value = args.get(++i);
                if (arg.equals("--revision")) {
                    revision = value;
                } else {
                    sha256 = Optional.of(value);
                }
            } else if (arg.startsWith("--")) {
                err.println("unknown or incomplete option " + arg + "; " + USAGE_TEXT);
                return USAGE;
            } else if (repo == null) {
                repo = arg;
            } else if (path == null) {
                path = arg;
            } else {
                err.println("unexpected argument " + arg + "; " + USAGE_TEXT);
                return USAGE;
            }
        }
        if (path == null) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        HubFile file;
        HubFileDownloader downloader;
        try {
            file = new HubFile(repo, revision, path);
            Sha256.normalize(sha256);
            downloader = new HubFileDownloader(HubOptions.fromEnvironment(env));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        try {
            out.println(downloader.fetch(file, sha256).path());
            return 0;
        } catch (HubException e) {
            err.println(e.reason() + ": " + e.getMessage());
            return FAILED;
        }
    }
}
