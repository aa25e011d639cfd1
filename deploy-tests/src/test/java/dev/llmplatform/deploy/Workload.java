package dev.llmplatform.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Deployment or StatefulSet seen through what the checks need: its name and kind, its pod template, the replica
 * count it sets (none when an autoscaler owns it) and, for a StatefulSet, its volume claim templates.
 */
record Workload(HasMetadata object, PodTemplateSpec template, Integer replicas,
                List<PersistentVolumeClaim> claimTemplates) {

    static Workload of(Deployment deployment) {
        return new Workload(deployment, deployment.getSpec().getTemplate(), deployment.getSpec().getReplicas(),
                List.of());
    }

    static Workload of(StatefulSet statefulSet) {
        List<PersistentVolumeClaim> claims = statefulSet.getSpec().getVolumeClaimTemplates();
        return new Workload(statefulSet, statefulSet.getSpec().getTemplate(), statefulSet.getSpec().getReplicas(),
                claims == null ? List.of() : claims);
    }

    String name() {
        return object.getMetadata().getName();
    }

    String kind() {
        return object.getKind();
    }

    /** The labels of the workload's own metadata. */
    Map<String, String> labels() {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** The labels of its pods. */
    Map<String, String> podLabels() {
        Map<String, String> labels = template.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    PodSpec pod() {
        return template.getSpec();
    }

    /**
     * The service's own container: the one named like its pods' {@code app.kubernetes.io/name} (a sidecar such as the
     * inference gateway overlay's OpenAI gateway may come before it), else the first.
     */
    Container container() {
        String app = podLabels().get("app.kubernetes.io/name");
        return pod().getContainers().stream().filter(c -> c.getName().equals(app)).findFirst()
                .orElse(pod().getContainers().get(0));
    }

    /** The container of that name, if the pods have one. */
    Optional<Container> container(String name) {
        return pod().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** The platform service its own container runs, if it is one of the platform's. */
    Optional<Platform> service() {
        return Platform.byContainerName(container().getName());
    }

    /** The model an inference workload serves (its pods' model label). */
    String model() {
        return podLabels().get(Platform.MODEL_LABEL);
    }

    boolean isInference() {
        return "inference".equals(podLabels().get(Platform.COMPONENT_LABEL));
    }

    /** Whether its pods ask for an NVIDIA GPU. */
    boolean usesGpu() {
        return Containers.request(container(), "nvidia.com/gpu").isPresent()
                || Containers.limit(container(), "nvidia.com/gpu").isPresent();
    }

    /** overlay/Kind/name, for messages. */
    String describe(String overlay) {
        return overlay + "/" + kind() + "/" + name();
    }
}
