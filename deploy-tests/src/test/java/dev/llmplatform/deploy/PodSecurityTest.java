package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every pod is hardened (non-root, read-only root filesystem with writable /tmp and cache volumes, no
 * capabilities, RuntimeDefault seccomp, no privilege escalation) and gets more time to stop than its drain takes.
 */
class PodSecurityTest {

    static final List<String> OVERLAYS = RenderedOverlay.NAMES;

    /** Time left between the drain deadline and SIGKILL for cancelling leftovers and the JVM's exit. */
    private static final Duration MIN_GRACE_MARGIN = Duration.ofSeconds(10);

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void podsRunAsNonRootWithRuntimeDefaultSeccomp(String overlay) {
        for (Deployment deployment : RenderedOverlay.of(overlay).all(Deployment.class)) {
            PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
            String where = overlay + "/" + deployment.getMetadata().getName();
            assertNotNull(pod, where + ": no pod securityContext");
            assertEquals(Boolean.TRUE, pod.getRunAsNonRoot(), where + ": runAsNonRoot");
            assertTrue(pod.getRunAsUser() != null && pod.getRunAsUser() > 0, where + ": runAsUser must not be 0");
            assertEquals("RuntimeDefault", pod.getSeccompProfile().getType(), where + ": seccomp profile");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void containersAreLockedDown(String overlay) {
        for (Deployment deployment : RenderedOverlay.of(overlay).all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : allContainers(pod)) {
                String where = overlay + "/" + deployment.getMetadata().getName() + "/" + container.getName();
                SecurityContext security = container.getSecurityContext();
                assertNotNull(security, where + ": no securityContext");
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), where + ": allowPrivilegeEscalation");
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), where + ": readOnlyRootFilesystem");
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), where + ": capabilities.drop");
                assertTrue(security.getCapabilities().getAdd() == null || security.getCapabilities().getAdd()
                        .isEmpty(), where + ": adds capabilities");
                assertFalse(Boolean.TRUE.equals(security.getPrivileged()), where + ": privileged");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void tmpIsAWritableEmptyDirInEveryContainer(String overlay) {
        for (Deployment deployment : RenderedOverlay.of(overlay).all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : allContainers(pod)) {
                Volume tmp = mountedVolume(pod, container, "/tmp");
                assertNotNull(tmp.getEmptyDir(), deployment.getMetadata().getName() + ": /tmp must be an emptyDir"
                        + " (java-llama.cpp and DJL extract native libraries there)");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void modelAndTokenizerCachesLiveOnPersistentVolumes(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Deployment deployment : rendered.inferenceDeployments()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            Volume cache = mountedVolume(pod, container, "/models");
            assertNotNull(cache.getPersistentVolumeClaim(), deployment.getMetadata().getName() + ": model cache");
            assertEquals("/models/hf", Containers.env(container, "HF_HOME").orElse(null),
                    "HF_HOME must be on the model cache volume");
        }
        PodSpec tokenizer = rendered.get(Deployment.class, "tokenizer-service").getSpec().getTemplate().getSpec();
        assertNotNull(mountedVolume(tokenizer, tokenizer.getContainers().get(0), "/cache").getPersistentVolumeClaim());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void terminationGraceExceedsTheDrainTimeout(String overlay) {
        for (Deployment deployment : RenderedOverlay.of(overlay).all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            String where = overlay + "/" + deployment.getMetadata().getName();
            Duration timeout = Containers.quarkusDuration(Containers.env(container, "QUARKUS_SHUTDOWN_TIMEOUT")
                    .orElseThrow(() -> new AssertionError(where + ": QUARKUS_SHUTDOWN_TIMEOUT not set")));
            Duration delay = Containers.quarkusDuration(Containers.env(container, "QUARKUS_SHUTDOWN_DELAY")
                    .orElse("0s"));
            Duration needed = delay.plus(timeout).plus(MIN_GRACE_MARGIN);
            long grace = pod.getTerminationGracePeriodSeconds();
            assertTrue(grace >= needed.toSeconds(), where + ": terminationGracePeriodSeconds " + grace
                    + " < readiness delay " + delay.toSeconds() + " s + drain timeout " + timeout.toSeconds()
                    + " s + " + MIN_GRACE_MARGIN.toSeconds() + " s");
        }
    }

    private static List<Container> allContainers(PodSpec pod) {
        return java.util.stream.Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                .toList();
    }

    private static Volume mountedVolume(PodSpec pod, Container container, String path) {
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> path.equals(m.getMountPath()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + path));
        return pod.getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume named " + mount.getName()));
    }
}
