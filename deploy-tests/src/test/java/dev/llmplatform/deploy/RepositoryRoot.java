package dev.llmplatform.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root, where {@code k8s/}, {@code docker-compose.yml} and the service modules live. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /**
     * The root given by the surefire property {@code deploy.repository.root}, else the first folder above the
     * working directory that holds {@code k8s/overlays}.
     */
    static Path get() {
        String configured = System.getProperty("deploy.repository.root");
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (isRoot(root)) {
                return root;
            }
            throw new IllegalStateException("deploy.repository.root=" + root + " holds no k8s/overlays folder");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding k8s/overlays above " + Path.of("").toAbsolutePath());
    }

    /** A path below the repository root. */
    static Path resolve(String relative) {
        return get().resolve(relative);
    }

    private static boolean isRoot(Path dir) {
        return Files.isDirectory(dir.resolve("k8s/overlays"));
    }
}
