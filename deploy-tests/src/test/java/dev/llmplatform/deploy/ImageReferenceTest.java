package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Images name a registry and a version that cannot move; the platform's own images point at the placeholder
 * registry until the operator sets theirs, and k8s/check-images.sh (the release check operators run before applying)
 * refuses the placeholder and undigested images and accepts an overlay that pins every image by digest.
 */
class ImageReferenceTest {

    static final List<String> OVERLAYS = RenderedOverlay.ALL;

    /** The placeholder registry of the shipped overlays (RFC 2606 reserves example.com: it never resolves). */
    static final String PLACEHOLDER_REGISTRY = "registry.example.com";
    /** A digest for the release-check fixture only: 64 zeros, obviously no real image. */
    private static final String FIXTURE_DIGEST = "sha256:" + "0".repeat(64);

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyImageNamesARegistryAndAVersionThatCannotMove(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).workloads()) {
            for (Container container : containers(workload)) {
                ImageReference image = new ImageReference(container.getImage());
                assertEquals(List.of(), image.problems(), workload.describe(overlay) + ": " + image.image());
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void platformImagesUseThePlaceholderRegistryUntilTheOperatorSetsTheirs(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).platformWorkloads()) {
            ImageReference image = new ImageReference(workload.container().getImage());
            assertEquals(PLACEHOLDER_REGISTRY, image.registryHost(), workload.describe(overlay) + ": "
                    + image.image() + " (the overlays ship the placeholder; operators set theirs: docs/deployment.md)");
        }
    }

    @Test
    void ruleRefusesUnqualifiedFloatingAndSnapshotImages() {
        assertEquals(List.of("names no registry host", "uses the mutable tag '0.1.0-SNAPSHOT' without a digest"),
                new ImageReference("llm-platform/gateway:0.1.0-SNAPSHOT").problems());
        assertEquals(List.of("names no registry host"), new ImageReference("llm-platform/gateway:0.1.0").problems());
        assertEquals(List.of("uses the mutable tag 'latest' without a digest"),
                new ImageReference("docker.io/library/busybox:latest").problems());
        assertEquals(List.of("has neither a tag nor a digest"),
                new ImageReference("registry.example.com/llm-platform/gateway").problems());
        assertEquals(List.of(), new ImageReference("localhost:5000/llm/gateway:0.1.0-SNAPSHOT@" + FIXTURE_DIGEST)
                .problems());
        assertEquals(List.of(), new ImageReference("registry.k8s.io/gateway-api-inference-extension/epp:v1.4.0")
                .problems());
    }

    @Test
    void releaseCheckRefusesThePlaceholderRegistryAndUndigestedImages() {
        ExternalTool.Result result = checkImages("k8s/overlays/gpu");
        assertEquals(1, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("placeholder registry: " + PLACEHOLDER_REGISTRY
                + "/llm-platform/inference-service-cuda:0.1.0"), result.stdout());
        assertTrue(result.stdout().contains("not pinned by digest"), result.stdout());
    }

    @Test
    void releaseCheckAcceptsAnOverlayThatPinsEveryImageInTheOperatorsRegistry() {
        StringBuilder kustomization = new StringBuilder("resources:\n  - {k8s/overlays/cpu}\nimages:\n");
        for (String image : List.of("gateway", "tokenizer-service", "inference-service")) {
            kustomization.append("  - name: ").append(PLACEHOLDER_REGISTRY).append("/llm-platform/").append(image)
                    .append("\n    newName: registry.mycorp.example/llm/").append(image)
                    .append("\n    newTag: \"0.1.0\"\n    digest: ").append(FIXTURE_DIGEST).append('\n');
        }
        try (TempOverlay overlay = TempOverlay.of(kustomization.toString())) {
            ExternalTool.Result result = checkImages(overlay.path());
            assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
            assertTrue(result.stdout().startsWith("images ok: 3 images"), result.stdout());
        }
    }

    private static ExternalTool.Result checkImages(String overlay) {
        return new ExternalTool("bash", "bash is needed to run k8s/check-images.sh")
                .runAllowingFailure(RepositoryRoot.get(), Map.of(), "k8s/check-images.sh", overlay);
    }

    private static List<Container> containers(Workload workload) {
        return Stream.concat(workload.pod().getContainers().stream(), workload.pod().getInitContainers().stream())
                .toList();
    }
}
