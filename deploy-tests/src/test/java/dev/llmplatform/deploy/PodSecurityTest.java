package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every pod is hardened (non-root, read-only root filesystem with writable /tmp and cache volumes, no
 * capabilities, RuntimeDefault seccomp, no privilege escalation) and gets more time to stop than its drain takes;
 * each inference replica keeps its model cache on a ReadWriteOnce claim of its own, which any storage class serves.
 */
class PodSecurityTest {

    static final List<String> OVERLAYS = RenderedOverlay.ALL;

    /** Time left between the drain deadline and SIGKILL for cancelling leftovers and the JVM's exit. */
    private static final Duration MIN_GRACE_MARGIN = Duration.ofSeconds(10);

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void podsRunAsNonRootWithRuntimeDefaultSeccomp(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).workloads()) {
            PodSecurityContext pod = workload.pod().getSecurityContext();
            String where = workload.describe(overlay);
            assertNotNull(pod, where + ": no pod securityContext");
            assertEquals(Boolean.TRUE, pod.getRunAsNonRoot(), where + ": runAsNonRoot");
            assertTrue(pod.getRunAsUser() != null && pod.getRunAsUser() > 0, where + ": runAsUser must not be 0");
            assertEquals("RuntimeDefault", pod.getSeccompProfile().getType(), where + ": seccomp profile");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void containersAreLockedDown(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).workloads()) {
            PodSpec pod = workload.pod();
            for (Container container : allContainers(pod)) {
                String where = workload.describe(overlay) + "/" + container.getName();
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
        for (Workload workload : RenderedOverlay.of(overlay).platformWorkloads()) {
            PodSpec pod = workload.pod();
            for (Container container : allContainers(pod)) {
                Volume tmp = mountedVolume(workload, container, "/tmp");
                assertNotNull(tmp.getEmptyDir(), workload.describe(overlay) + ": /tmp must be an emptyDir"
                        + " (java-llama.cpp and DJL extract native libraries there and load them)");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachInferenceReplicaKeepsItsModelCacheOnAReadWriteOnceClaim(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        assertTrue(rendered.all(PersistentVolumeClaim.class).isEmpty(), overlay + ": shared claims need a"
                + " ReadWriteMany class the big clouds' default classes are not; each replica claims its own");
        for (Workload workload : rendered.inferenceWorkloads()) {
            String where = workload.describe(overlay);
            Container container = workload.container();
            VolumeMount mount = container.getVolumeMounts().stream().filter(m -> "/models".equals(m.getMountPath()))
                    .findFirst().orElseThrow(() -> new AssertionError(where + ": nothing mounted at /models"));
            PersistentVolumeClaim claim = workload.claimTemplates().stream()
                    .filter(c -> c.getMetadata().getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(where + ": /models is not a volumeClaimTemplate"));
            assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes(), where);
            assertTrue(claim.getSpec().getStorageClassName() == null, where + ": the shipped overlays take the"
                    + " cluster's default class; operators name theirs with a patch (docs/deployment.md)");
            long storage = Quantity.getAmountInBytes(claim.getSpec().getResources().getRequests().get("storage"))
                    .longValue();
            ConfigMap entry = rendered.get(ConfigMap.class, container.getEnvFrom().get(0).getConfigMapRef().getName());
            long file = ModelArchitecture.of(entry.getData().get("LLM_MODEL_ID")).fileBytes();
            assertTrue(storage >= file * 1.1, where + ": " + storage + " bytes cannot hold the " + file
                    + "-byte model file with room to spare");
            assertEquals("/models/hf", Containers.env(container, "HF_HOME").orElse(null),
                    "HF_HOME must be on the model cache volume");
        }
        Workload tokenizer = rendered.workload("tokenizer-service");
        assertNotNull(mountedVolume(tokenizer, tokenizer.container(), "/cache").getEmptyDir(), overlay
                + ": the tokenizer's Hub cache is per pod (a few MB fetched again at start)");
    }

    @Test
    void storageClassIsAParameterTheOperatorSetsWithOnePatch() {
        String yaml;
        try (TempOverlay overlay = TempOverlay.of("resources:\n  - {k8s/overlays/cpu}\npatches:\n"
                + "  - target:\n      kind: StatefulSet\n    patch: |-\n"
                + "      - op: add\n        path: /spec/volumeClaimTemplates/0/spec/storageClassName\n"
                + "        value: premium-rwo\n")) {
            yaml = overlay.render();
        }
        List<StatefulSet> statefulSets = RenderedOverlay.parse(yaml).stream().filter(StatefulSet.class::isInstance)
                .map(StatefulSet.class::cast).toList();
        assertEquals(Platform.SERVED_MODELS.size(), statefulSets.size());
        for (StatefulSet statefulSet : statefulSets) {
            assertEquals("premium-rwo", statefulSet.getSpec().getVolumeClaimTemplates().get(0).getSpec()
                    .getStorageClassName(), statefulSet.getMetadata().getName());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void terminationGraceExceedsTheDrainTimeouts(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).platformWorkloads()) {
            Container container = workload.container();
            String where = workload.describe(overlay);
            Duration timeout = Containers.quarkusDuration(Containers.env(container, "QUARKUS_SHUTDOWN_TIMEOUT")
                    .orElseThrow(() -> new AssertionError(where + ": QUARKUS_SHUTDOWN_TIMEOUT not set")));
            Duration delay = Containers.quarkusDuration(Containers.env(container, "QUARKUS_SHUTDOWN_DELAY")
                    .orElse("0s"));
            Duration drain = Duration.ZERO;
            if (workload.service().orElseThrow() == Platform.INFERENCE) {
                drain = Containers.quarkusDuration(Containers.env(container, "LLM_DRAIN_TIMEOUT").orElseThrow(() ->
                        new AssertionError(where + ": LLM_DRAIN_TIMEOUT unset leaves running generations 30 s")));
                assertEquals(timeout, drain, where + ": generations get as long as Quarkus waits for requests");
            }
            Duration needed = delay.plus(timeout).plus(drain).plus(MIN_GRACE_MARGIN);
            long grace = workload.pod().getTerminationGracePeriodSeconds();
            assertTrue(grace >= needed.toSeconds(), where + ": terminationGracePeriodSeconds " + grace
                    + " < readiness delay " + delay.toSeconds() + " s + request drain " + timeout.toSeconds()
                    + " s + generation drain " + drain.toSeconds() + " s + " + MIN_GRACE_MARGIN.toSeconds() + " s");
        }
    }

    private static List<Container> allContainers(PodSpec pod) {
        return java.util.stream.Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                .toList();
    }

    private static Volume mountedVolume(Workload workload, Container container, String path) {
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> path.equals(m.getMountPath()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + path));
        return workload.pod().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume named " + mount.getName()));
    }
}
