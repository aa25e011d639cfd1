package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The inference gateway overlay (Gateway API Inference Extension on top of the GPU overlay): one InferencePool per
 * model whose selector holds exactly that model's inference pods, on the port of their OpenAI gateway sidecar (which
 * serves its own pod's inference service only), an endpoint picker whose Service port is the pool's
 * endpointPickerRef port and which reads the inference service's metrics on the inference container's port, and an
 * HTTPRoute that sends OpenAI chat and completions requests to the pool of the model they name.
 */
class GatewayApiOverlayTest {

    private static final String OVERLAY = "gateway-api";
    private static final String MODEL_HEADER = "X-Gateway-Model-Name";
    private static final String OPENAI_SIDECAR = "openai";

    private final RenderedOverlay rendered = RenderedOverlay.of(OVERLAY);

    @Test
    void onePoolPerModelSelectingExactlyThatModelsInferencePodsOnTheirPort() {
        List<GenericKubernetesResource> pools = rendered.generic("InferencePool");
        assertEquals(Platform.SERVED_MODELS.size(), pools.size(), "InferencePools");
        Set<String> models = new HashSet<>();
        for (GenericKubernetesResource pool : pools) {
            String where = "InferencePool " + pool.getMetadata().getName();
            Map<String, String> selector = pool.get("spec", "selector", "matchLabels");
            List<Workload> selected = rendered.workloads().stream()
                    .filter(w -> w.podLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertEquals(1, selected.size(), where + " selects the pods of " + selected.stream().map(Workload::name)
                    .toList());
            Workload inference = selected.get(0);
            assertTrue(inference.isInference(), where + " selects " + inference.name());
            models.add(inference.model());
            List<Map<String, Object>> targetPorts = pool.get("spec", "targetPorts");
            List<Integer> ports = targetPorts.stream().map(p -> ((Number) p.get("number")).intValue()).toList();
            Container openai = inference.container(OPENAI_SIDECAR).orElseThrow(() -> new AssertionError(where
                    + ": the inference pods have no " + OPENAI_SIDECAR + " container to answer OpenAI HTTP"));
            List<Integer> sidecarPorts = openai.getPorts().stream().map(p -> p.getContainerPort()).toList();
            assertEquals(sidecarPorts, ports, where + ": targetPorts must be the OpenAI sidecar's port");
            assertEquals("http", pool.get("spec", "appProtocol"), where + ": OpenAI HTTP on the pods' port");
            assertTrue(openai.getImage().matches(".*/llm-platform/gateway[:@].*"),
                    where + ": the sidecar is the platform's gateway, not " + openai.getImage());
            int inferencePort = inference.container().getPorts().get(0).getContainerPort();
            assertEquals(Optional.of("127.0.0.1:" + inferencePort), Containers.env(openai, "INFERENCE_ENDPOINTS"),
                    where + ": the sidecar serves its own pod's inference service only");
            assertEquals(Optional.of(String.valueOf(sidecarPorts.get(0))), Containers.env(openai, "GATEWAY_PORT"),
                    where + ": the sidecar listens on the pool's target port");
        }
        assertEquals(Set.copyOf(Platform.SERVED_MODELS), models, "every model gets a pool");
    }

    @Test
    void endpointPickerServicePortIsThePoolsEndpointPickerPortAndReadsExportedMetrics() {
        for (GenericKubernetesResource pool : rendered.generic("InferencePool")) {
            String where = "InferencePool " + pool.getMetadata().getName();
            Map<String, Object> ref = pool.get("spec", "endpointPickerRef");
            assertNotNull(ref, where + ": no endpointPickerRef");
            assertTrue(List.of("FailOpen", "FailClose").contains(ref.get("failureMode")), where);
            int port = ((Number) ((Map<String, Object>) ref.get("port")).get("number")).intValue();
            Service service = rendered.get(Service.class, (String) ref.get("name"));
            ServicePort servicePort = service.getSpec().getPorts().stream().filter(p -> p.getPort() == port)
                    .findFirst().orElseThrow(() -> new AssertionError(where + ": Service " + ref.get("name")
                            + " has no port " + port));
            Workload picker = rendered.workloads().stream()
                    .filter(w -> w.podLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError(where + ": the picker Service selects no pods"));
            Container epp = picker.container();
            assertEquals(port, Containers.resolvePort(servicePort.getTargetPort(), epp),
                    where + ": the Service must reach the picker's ext_proc port");
            List<String> args = epp.getArgs();
            assertEquals(pool.getMetadata().getName(), args.get(args.indexOf("--pool-name") + 1),
                    where + ": the picker must watch this pool");
            assertEquals("/metrics", args.get(args.indexOf("--model-server-metrics-path") + 1),
                    where + ": the inference service exports vLLM's names at /metrics");
            assertEquals(String.valueOf(Platform.INFERENCE.port()),
                    args.get(args.indexOf("--model-server-metrics-port") + 1),
                    where + ": the metrics are the inference container's, not the sidecar's");
            for (String flag : List.of("--total-queued-requests-metric", "--total-running-requests-metric",
                    "--kv-cache-usage-percentage-metric")) {
                String metric = args.get(args.indexOf(flag) + 1);
                assertTrue(ExportedMetrics.isExported(metric), where + ": " + flag + " " + metric);
            }
            for (String flag : List.of("--lora-info-metric", "--cache-info-metric")) {
                assertEquals("", args.get(args.indexOf(flag) + 1), where + ": " + flag + " names a metric the"
                        + " inference service does not export");
            }
            assertTrue(new ImageReference(epp.getImage()).registryHost().equals("registry.k8s.io"), epp.getImage());
        }
    }

    @Test
    void routeSendsChatAndCompletionsToThePoolOfTheNamedModel() {
        List<HTTPRoute> routes = rendered.all(HTTPRoute.class);
        assertEquals(1, routes.size(), "HTTPRoutes");
        Map<String, String> poolModel = new java.util.HashMap<>();
        for (GenericKubernetesResource pool : rendered.generic("InferencePool")) {
            Map<String, String> selector = pool.get("spec", "selector", "matchLabels");
            poolModel.put(pool.getMetadata().getName(), selector.get(Platform.MODEL_LABEL));
        }
        Set<String> routedModels = new HashSet<>();
        for (HTTPRouteRule rule : routes.get(0).getSpec().getRules()) {
            assertEquals(1, rule.getBackendRefs().size());
            HTTPBackendRef backend = rule.getBackendRefs().get(0);
            assertEquals("inference.networking.k8s.io", backend.getGroup());
            assertEquals("InferencePool", backend.getKind());
            String model = poolModel.get(backend.getName());
            assertNotNull(model, "the route names no InferencePool of the overlay: " + backend.getName());
            Set<String> paths = new HashSet<>();
            for (HTTPRouteMatch match : rule.getMatches()) {
                paths.add(match.getPath().getValue());
                HTTPHeaderMatch header = match.getHeaders().stream().filter(h -> MODEL_HEADER.equals(h.getName()))
                        .findFirst().orElseThrow(() -> new AssertionError("a match without " + MODEL_HEADER));
                assertEquals(model, header.getValue(), backend.getName() + " must get requests for its own model");
            }
            assertEquals(Set.of("/v1/chat/completions", "/v1/completions"), paths, backend.getName());
            routedModels.add(model);
        }
        assertEquals(Set.copyOf(Platform.SERVED_MODELS), routedModels, "every model is routed");
    }
}
