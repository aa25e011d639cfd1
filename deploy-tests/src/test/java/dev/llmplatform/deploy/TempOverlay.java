package dev.llmplatform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A kustomization written for one test, the way an operator layers their settings over a shipped overlay: a folder
 * under deploy-tests/target (kustomize resolves the shipped folders relative to it), deleted on close.
 */
final class TempOverlay implements AutoCloseable {

    private final Path root;
    private final Path folder;

    private TempOverlay(Path root, Path folder) {
        this.root = root;
        this.folder = folder;
    }

    /** A kustomization whose text names repository folders as {@code {k8s/overlays/cpu}}, made relative here. */
    static TempOverlay of(String kustomizationTemplate) {
        Path root = RepositoryRoot.get();
        try {
            Path folder = Files.createTempDirectory(Files.createDirectories(root.resolve("deploy-tests/target")),
                    "overlay-");
            String text = kustomizationTemplate;
            for (String shipped : new String[] {"k8s/overlays/cpu", "k8s/overlays/gpu",
                    "k8s/components/nvidia-runtime-class"}) {
                text = text.replace("{" + shipped + "}", folder.relativize(root.resolve(shipped)).toString());
            }
            Files.writeString(folder.resolve("kustomization.yaml"), text);
            return new TempOverlay(root, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a kustomization under deploy-tests/target", e);
        }
    }

    /** The folder relative to the repository root, as a command run there names it. */
    String path() {
        return root.relativize(folder).toString();
    }

    /** What {@code kubectl kustomize} renders for it. */
    String render() {
        return ExternalTool.kubectl().run(root, Map.of(), "kustomize", path()).stdout();
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
