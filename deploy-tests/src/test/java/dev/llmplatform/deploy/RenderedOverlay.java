package dev.llmplatform.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The objects of one kustomize overlay, rendered with {@code kubectl kustomize k8s/overlays/<name>} exactly as
 * {@code kubectl apply -k} would send them, and parsed into fabric8's typed models. Kinds fabric8 has no model for
 * (KEDA's ScaledObject, the Prometheus Operator's PodMonitor, the inference extension's InferencePool) become
 * {@link GenericKubernetesResource}.
 */
final class RenderedOverlay {

    /** The overlays that run the platform on CPU or GPU nodes. */
    static final List<String> NAMES = List.of("cpu", "gpu");
    /** Every overlay a user can apply: the two above and the inference gateway path on top of the GPU one. */
    static final List<String> ALL = List.of("cpu", "gpu", "gateway-api");

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final Map<String, RenderedOverlay> CACHE = new ConcurrentHashMap<>();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String name;
    private final List<HasMetadata> objects;

    private RenderedOverlay(String name, List<HasMetadata> objects) {
        this.name = name;
        this.objects = List.copyOf(objects);
    }

    /** Renders (once per test run) and parses the overlay {@code k8s/overlays/<name>}. */
    static RenderedOverlay of(String name) {
        return CACHE.computeIfAbsent(name, RenderedOverlay::render);
    }

    private static RenderedOverlay render(String name) {
        String yaml = ExternalTool.kubectl()
                .run(RepositoryRoot.get(), Map.of(), "kustomize", "k8s/overlays/" + name)
                .stdout();
        return new RenderedOverlay(name, parse(yaml));
    }

    /** Parses multi-document YAML into typed objects; an unparsable document fails with its position. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> parsed = new ArrayList<>();
        String[] documents = DOCUMENT_SEPARATOR.split(yaml);
        for (int i = 0; i < documents.length; i++) {
            if (documents[i].isBlank()) {
                continue;
            }
            Object object;
            try {
                object = SERIALIZATION.unmarshal(documents[i]);
            } catch (RuntimeException e) {
                throw new AssertionError("document " + (i + 1) + " does not parse: " + e.getMessage()
                        + "\n" + documents[i], e);
            }
            if (!(object instanceof HasMetadata hasMetadata)) {
                throw new AssertionError("document " + (i + 1) + " is not a Kubernetes object:\n" + documents[i]);
            }
            parsed.add(hasMetadata);
        }
        return parsed;
    }

    String name() {
        return name;
    }

    List<HasMetadata> all() {
        return objects;
    }

    /** Every object of a typed kind. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every object of a kind fabric8 has no model for, by its {@code kind}. */
    List<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    /** The object of a typed kind with this name; fails if there is none. */
    <T extends HasMetadata> T get(Class<T> type, String objectName) {
        return find(type, objectName).orElseThrow(() -> new AssertionError(
                "overlay " + name + " has no " + type.getSimpleName() + " named " + objectName));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String objectName) {
        return all(type).stream().filter(o -> objectName.equals(o.getMetadata().getName())).findFirst();
    }

    /** Every Deployment and StatefulSet. */
    List<Workload> workloads() {
        return Stream.concat(all(Deployment.class).stream().map(Workload::of),
                all(StatefulSet.class).stream().map(Workload::of)).toList();
    }

    /** The workload with this name; fails if there is none. */
    Workload workload(String workloadName) {
        return workloads().stream().filter(w -> workloadName.equals(w.name())).findFirst()
                .orElseThrow(() -> new AssertionError("overlay " + name + " has no workload named " + workloadName));
    }

    /** The workloads that run one of the platform's services (not the inference extension's endpoint pickers). */
    List<Workload> platformWorkloads() {
        return workloads().stream().filter(w -> w.service().isPresent()).toList();
    }

    /** The inference workloads, one per served model. */
    List<Workload> inferenceWorkloads() {
        return workloads().stream().filter(Workload::isInference).toList();
    }

    /** The labels of a Deployment's pods. */
    static Map<String, String> podLabels(Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }
}
