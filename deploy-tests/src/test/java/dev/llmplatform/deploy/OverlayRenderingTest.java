package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each overlay renders, parses into typed objects (custom resources into generic ones of known kinds), and holds the
 * platform's workloads with sound names and no committed secrets.
 */
class OverlayRenderingTest {

    static final List<String> OVERLAYS = RenderedOverlay.ALL;

    /** Service names become DNS labels (RFC 1035): no dots, at most 63 characters. */
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    /** The custom resources the overlays may hold, by kind, with the apiVersion each must carry. */
    private static final Map<String, String> CUSTOM_KINDS = Map.of(
            "ScaledObject", "keda.sh/v1alpha1",
            "PodMonitor", "monitoring.coreos.com/v1",
            "InferencePool", "inference.networking.k8s.io/v1");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectParsesIntoATypedModelOrAKnownCustomResource(String overlay) {
        List<HasMetadata> objects = RenderedOverlay.of(overlay).all();
        assertTrue(objects.size() >= 40, overlay + " renders only " + objects.size() + " objects");
        for (GenericKubernetesResource generic : RenderedOverlay.of(overlay).all(GenericKubernetesResource.class)) {
            String where = overlay + ": " + generic.getKind() + " " + generic.getMetadata().getName();
            assertTrue(CUSTOM_KINDS.containsKey(generic.getKind()),
                    where + " has no typed model: a typo in apiVersion or kind?");
            assertEquals(CUSTOM_KINDS.get(generic.getKind()), generic.getApiVersion(), where);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyNamespacedObjectLivesInThePlatformNamespace(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        rendered.get(Namespace.class, Platform.NAMESPACE);
        rendered.all().stream()
                .filter(o -> !(o instanceof Namespace))
                .forEach(o -> assertEquals(Platform.NAMESPACE, o.getMetadata().getNamespace(),
                        overlay + ": " + o.getKind() + " " + o.getMetadata().getName()));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void oneInferenceWorkloadPerServedModel(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<String> served = rendered.inferenceWorkloads().stream().map(Workload::model).sorted().toList();
        assertEquals(Platform.SERVED_MODELS.stream().sorted().toList(), served, overlay);
        assertTrue(Platform.SERVED_MODELS.containsAll(Platform.REFERENCE_MODELS));
        rendered.inferenceWorkloads().forEach(w -> assertEquals("StatefulSet", w.kind(),
                w.describe(overlay) + ": each replica keeps its own model cache (volumeClaimTemplates)"));
        assertEquals("Deployment", rendered.workload("gateway").kind());
        assertEquals("Deployment", rendered.workload("tokenizer-service").kind());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void serviceNamesAreValidDnsLabels(String overlay) {
        for (Service service : RenderedOverlay.of(overlay).all(Service.class)) {
            String name = service.getMetadata().getName();
            assertTrue(DNS_1035_LABEL.matcher(name).matches(),
                    overlay + ": Service name '" + name + "' is not a DNS-1035 label (no dots, <= 63 chars)");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noSecretValuesAreCommitted(String overlay) {
        List<Secret> secrets = RenderedOverlay.of(overlay).all(Secret.class);
        if (!secrets.isEmpty()) {
            fail(overlay + " renders Secrets " + secrets.stream().map(s -> s.getMetadata().getName()).toList()
                    + ": API keys, the gRPC token and the HF token are created by the operator (docs/deployment.md)");
        }
    }
}
