package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Container ports, probes and Services point at the port each service really listens on and at its real
 * SmallRye Health endpoints and metrics paths; the startup probe of a model covers its download and load, and its
 * liveness probe restarts a pod whose load failed within minutes.
 */
class ProbesAndPortsTest {

    static final List<String> OVERLAYS = RenderedOverlay.NAMES;

    /** Download and load of a 7B model on CPU may take this long before /q/health/started turns UP. */
    private static final int MIN_INFERENCE_STARTUP_SECONDS = 1800;
    /** A load that failed (liveness DOWN) restarts the container within this long. */
    private static final int MAX_LIVENESS_SECONDS = 120;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void containersExposeTheirServicePortAndProbeTheHealthEndpoints(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).workloads()) {
            for (Container container : workload.pod().getContainers()) {
                Platform service = Platform.ofContainer(container.getName());
                String where = workload.describe(overlay) + "/" + container.getName();
                assertEquals(1, container.getPorts().size(), where + ": one port for HTTP and gRPC");
                assertEquals(service.port(), container.getPorts().get(0).getContainerPort(), where);
                assertEquals(String.valueOf(service.port()), Containers.env(container, service.portVariable())
                        .orElseThrow(() -> new AssertionError(where + ": " + service.portVariable() + " not set")),
                        where + ": " + service.portVariable());
                assertProbe(where + " startupProbe", container.getStartupProbe(), Platform.STARTED_PATH, container,
                        service);
                assertProbe(where + " readinessProbe", container.getReadinessProbe(), Platform.READY_PATH,
                        container, service);
                assertProbe(where + " livenessProbe", container.getLivenessProbe(), Platform.LIVE_PATH, container,
                        service);
                Map<String, String> annotations = workload.template().getMetadata().getAnnotations();
                assertEquals("true", annotations.get("prometheus.io/scrape"), where);
                assertEquals(service.port(), Integer.parseInt(annotations.get("prometheus.io/port")),
                        where + ": metrics scrape port");
                assertEquals(service.metricsPath(), annotations.get("prometheus.io/path"), where + ": metrics path");
            }
        }
    }

    private static void assertProbe(String where, Probe probe, String path, Container container, Platform service) {
        assertNotNull(probe, where + " missing");
        assertNotNull(probe.getHttpGet(), where + " is not an HTTP GET probe");
        assertEquals(path, probe.getHttpGet().getPath(), where + " path");
        assertEquals(service.port(), Containers.resolvePort(probe.getHttpGet().getPort(), container), where + " port");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void inferenceStartupProbeCoversDownloadAndLoad(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).inferenceWorkloads()) {
            Probe startup = workload.container().getStartupProbe();
            int budget = startup.getPeriodSeconds() * startup.getFailureThreshold()
                    + (startup.getInitialDelaySeconds() == null ? 0 : startup.getInitialDelaySeconds());
            assertTrue(budget >= MIN_INFERENCE_STARTUP_SECONDS, workload.describe(overlay)
                    + ": startup budget " + budget + " s < " + MIN_INFERENCE_STARTUP_SECONDS + " s");
            Probe liveness = workload.container().getLivenessProbe();
            int restartAfter = liveness.getPeriodSeconds() * liveness.getFailureThreshold();
            assertTrue(restartAfter <= MAX_LIVENESS_SECONDS, workload.describe(overlay) + ": a failed load reported"
                    + " DOWN restarts the container after " + restartAfter + " s; at most " + MAX_LIVENESS_SECONDS);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void servicesTargetTheContainerPort(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Service service : rendered.all(Service.class)) {
            Workload backing = rendered.workloads().stream()
                    .filter(w -> w.podLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": Service " + service.getMetadata().getName()
                            + " selects no workload's pods"));
            Container container = backing.container();
            int port = Platform.ofContainer(container.getName()).port();
            for (ServicePort servicePort : service.getSpec().getPorts()) {
                assertEquals(port, Containers.resolvePort(servicePort.getTargetPort(), container),
                        overlay + ": Service " + service.getMetadata().getName() + " targetPort");
                assertEquals(port, servicePort.getPort(), "in-cluster clients use the service's own port");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachModelHasAHeadlessServiceForGrpcDiscovery(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Workload workload : rendered.inferenceWorkloads()) {
            Map<String, String> podLabels = workload.podLabels();
            List<Service> headless = rendered.all(Service.class).stream()
                    .filter(s -> "None".equals(s.getSpec().getClusterIP()))
                    .filter(s -> podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
                    .filter(s -> s.getSpec().getSelector().containsKey(Platform.MODEL_LABEL))
                    .toList();
            assertEquals(1, headless.size(), overlay + ": headless Services of " + workload.name() + ": "
                    + headless.stream().map(s -> s.getMetadata().getName()).toList());
            assertEquals(headless.get(0).getMetadata().getName(),
                    rendered.get(StatefulSet.class, workload.name()).getSpec().getServiceName(),
                    workload.name() + ": the StatefulSet's governing Service");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void gatewayDiscoversEveryInferencePodAndTheTokenizer(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Container gateway = rendered.workload("gateway").container();
        Map<String, String> config = configMapData(rendered, gateway);
        assertEquals("tokenizer-service:" + Platform.TOKENIZER.port(), config.get("TOKENIZER_ADDRESS"));
        rendered.get(Service.class, "tokenizer-service");
        assertEquals("kubernetes", config.get("QUARKUS_PROFILE"), "Stork Kubernetes discovery profile");
        assertEquals("metadata.namespace", gateway.getEnv().stream()
                .filter(e -> "KUBERNETES_NAMESPACE".equals(e.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("KUBERNETES_NAMESPACE not set"))
                .getValueFrom().getFieldRef().getFieldPath(), "discovery looks in the gateway's own namespace");
        Service discovered = rendered.get(Service.class, config.get("INFERENCE_SERVICE_NAME"));
        List<String> selected = rendered.workloads().stream()
                .filter(w -> w.podLabels().entrySet().containsAll(discovered.getSpec().getSelector().entrySet()))
                .map(Workload::name)
                .sorted()
                .toList();
        assertEquals(rendered.inferenceWorkloads().stream().map(Workload::name).sorted().toList(),
                selected, "Service " + discovered.getMetadata().getName() + " must select every inference pod");
        assertEquals(Platform.INFERENCE.port(), discovered.getSpec().getPorts().get(0).getPort());
    }

    private static Map<String, String> configMapData(RenderedOverlay rendered, Container container) {
        List<EnvFromSource> sources = container.getEnvFrom();
        assertEquals(1, sources.size(), container.getName() + " envFrom");
        return rendered.get(ConfigMap.class, sources.get(0).getConfigMapRef().getName()).getData();
    }
}
