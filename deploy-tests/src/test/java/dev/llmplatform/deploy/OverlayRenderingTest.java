package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each overlay renders, parses into typed objects, and holds the platform's workloads with sound names and images. */
class OverlayRenderingTest {

    static final List<String> OVERLAYS = RenderedOverlay.NAMES;

    /** Service names become DNS labels (RFC 1035): no dots, at most 63 characters. */
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    /** An image reference with an explicit tag: [registry/]repository:tag or @sha256 digest. */
    private static final Pattern TAGGED_IMAGE = Pattern.compile("[^@\\s]+(:[\\w][\\w.-]{0,127}|@sha256:[0-9a-f]{64})");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectParsesIntoATypedModelExceptKedasScaledObject(String overlay) {
        List<HasMetadata> objects = RenderedOverlay.of(overlay).all();
        assertTrue(objects.size() >= 30, overlay + " renders only " + objects.size() + " objects");
        for (GenericKubernetesResource generic : RenderedOverlay.of(overlay).all(GenericKubernetesResource.class)) {
            assertEquals("ScaledObject", generic.getKind(),
                    overlay + ": " + generic.getKind() + " " + generic.getMetadata().getName()
                            + " has no typed model: a typo in apiVersion or kind?");
            assertEquals("keda.sh/v1alpha1", generic.getApiVersion());
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
    void oneInferenceWorkloadPerReferenceModel(String overlay) {
        List<String> served = RenderedOverlay.of(overlay).inferenceDeployments().stream()
                .map(d -> RenderedOverlay.podLabels(d).get(Platform.MODEL_LABEL))
                .sorted()
                .toList();
        assertEquals(Platform.REFERENCE_MODELS.stream().sorted().toList(), served, overlay);
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        rendered.get(Deployment.class, "gateway");
        rendered.get(Deployment.class, "tokenizer-service");
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
    void imagesCarryExplicitTagsNeverLatest(String overlay) {
        Stream<Container> containers = RenderedOverlay.of(overlay).all(Deployment.class).stream()
                .flatMap(d -> Stream.concat(d.getSpec().getTemplate().getSpec().getContainers().stream(),
                        d.getSpec().getTemplate().getSpec().getInitContainers().stream()));
        containers.forEach(c -> {
            String image = c.getImage();
            assertTrue(TAGGED_IMAGE.matcher(image).matches(), overlay + ": image without a tag: " + image);
            assertFalse(image.endsWith(":latest"), overlay + ": floating tag: " + image);
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noSecretValuesAreCommitted(String overlay) {
        List<Secret> secrets = RenderedOverlay.of(overlay).all(Secret.class);
        if (!secrets.isEmpty()) {
            fail(overlay + " renders Secrets " + secrets.stream().map(s -> s.getMetadata().getName()).toList()
                    + ": API keys and the HF token are created by the operator (docs/deployment.md)");
        }
    }
}
