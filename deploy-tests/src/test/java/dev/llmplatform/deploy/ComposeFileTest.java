package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-compose.yml: each service builds from its own Dockerfile, listens on its real port, is health-checked on
 * readiness, starts in order, keeps models in a volume, is hardened with a /tmp that native libraries can load from,
 * drains before it is killed and gets the shared gRPC token; the gpu profile reserves an NVIDIA GPU and lets the
 * service size its offload.
 */
class ComposeFileTest {

    private static final ComposeFile COMPOSE = ComposeFile.read(RepositoryRoot.resolve("docker-compose.yml"));
    private static final Map<String, Platform> SERVICES = Map.of(
            "gateway", Platform.GATEWAY,
            "tokenizer-service", Platform.TOKENIZER,
            "inference-service", Platform.INFERENCE,
            "inference-gpu", Platform.INFERENCE);

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "tokenizer-service", "inference-service", "inference-gpu"})
    void serviceBuildsFromItsDockerfileAndListensOnItsPort(String name) {
        Map<String, Object> service = COMPOSE.service(name);
        Platform platform = SERVICES.get(name);
        Map<String, Object> build = ComposeFile.map(service, "build");
        assertEquals(".", build.get("context"), name + ": the Dockerfiles build from the repository root");
        String dockerfile = (String) build.get("dockerfile");
        assertTrue(dockerfile.startsWith(platform.module() + "/src/main/docker/Dockerfile."), name + ": " + dockerfile);
        assertTrue(Files.isRegularFile(RepositoryRoot.resolve(dockerfile)), name + ": missing " + dockerfile);
        assertEquals(String.valueOf(platform.port()), ComposeFile.env(service, platform.portVariable()), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "tokenizer-service", "inference-service", "inference-gpu"})
    void healthcheckProbesReadiness(String name) throws Exception {
        Map<String, Object> service = COMPOSE.service(name);
        int port = SERVICES.get(name).port();
        HealthcheckCommand check = HealthcheckCommand.fromCompose(ComposeFile.map(service, "healthcheck").get("test"));
        assertTrue(String.join(" ", check.argv()).contains("/127.0.0.1/" + port + " "),
                name + ": the check must probe port " + port + ": " + check.argv());
        try (HealthEndpointStub up = new HealthEndpointStub(200)) {
            assertEquals(0, check.withPort(port, up.port()).run(Map.of()), name + ": healthy endpoint reported down");
            assertEquals(List.of(Platform.READY_PATH), up.requestedPaths(), name + ": probed paths");
        }
        try (HealthEndpointStub down = new HealthEndpointStub(503)) {
            assertTrue(check.withPort(port, down.port()).run(Map.of()) != 0, name + ": DOWN must be unhealthy");
        }
    }

    @Test
    void gatewayStartsAfterItsBackendsAreHealthy() {
        Map<String, Object> gateway = COMPOSE.service("gateway");
        Map<String, Object> dependsOn = ComposeFile.map(gateway, "depends_on");
        assertEquals(List.of("inference-service", "tokenizer-service"), dependsOn.keySet().stream().sorted().toList());
        for (String backend : dependsOn.keySet()) {
            assertEquals("service_healthy", ComposeFile.map(dependsOn, backend).get("condition"), backend);
        }
        assertEquals("tokenizer-service:" + Platform.TOKENIZER.port(), ComposeFile.env(gateway, "TOKENIZER_ADDRESS"));
        assertEquals("inference-service:" + Platform.INFERENCE.port(), ComposeFile.env(gateway, "INFERENCE_ENDPOINTS"));
    }

    @Test
    void gpuProfileReservesOneNvidiaGpu() {
        Map<String, Object> gpu = COMPOSE.service("inference-gpu");
        assertEquals(List.of("gpu"), ComposeFile.list(gpu, "profiles"));
        Map<String, Object> reservations = ComposeFile.map(ComposeFile.map(ComposeFile.map(gpu, "deploy"),
                "resources"), "reservations");
        List<Object> devices = ComposeFile.list(reservations, "devices");
        assertEquals(1, devices.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> device = (Map<String, Object>) devices.get(0);
        assertEquals("nvidia", device.get("driver"));
        assertEquals(1, device.get("count"));
        assertEquals(List.of("gpu"), device.get("capabilities"));
        assertTrue(((String) ComposeFile.map(gpu, "build").get("dockerfile")).endsWith("Dockerfile.cuda"));
        assertEquals("/opt/jllama", ComposeFile.env(gpu, "LLM_NATIVE_LIB_PATH"));
        assertTrue(!COMPOSE.service("inference-service").containsKey("profiles"), "the CPU service always runs");
        for (String name : List.of("inference-service", "inference-gpu")) {
            assertFalse(ComposeFile.map(COMPOSE.service(name), "environment").containsKey("LLM_GPU_LAYERS"),
                    name + ": the service sizes GPU offload from free memory; a forced layer count fails on small GPUs");
        }
    }

    @Test
    void modelsAreCachedInANamedVolume() {
        assertTrue(COMPOSE.volumes().containsKey("model-cache"), "volumes: " + COMPOSE.volumes().keySet());
        for (String name : List.of("inference-service", "inference-gpu")) {
            Map<String, Object> service = COMPOSE.service(name);
            assertTrue(ComposeFile.list(service, "volumes").contains("model-cache:/models"), name + " volumes");
            assertEquals("/models/hf", ComposeFile.env(service, "HF_HOME"), name + ": HF_HOME on the volume");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "tokenizer-service", "inference-service", "inference-gpu"})
    void serviceIsHardenedAndDrainsBeforeItIsKilled(String name) {
        Map<String, Object> service = COMPOSE.service(name);
        assertEquals(Boolean.TRUE, service.get("read_only"), name + ": read_only");
        List<Object> tmpfs = ComposeFile.list(service, "tmpfs");
        assertEquals(1, tmpfs.size(), name + ": tmpfs " + tmpfs);
        String[] mount = tmpfs.get(0).toString().split(":", 2);
        assertEquals("/tmp", mount[0], name + ": writable /tmp");
        assertTrue(mount.length == 2 && List.of(mount[1].split(",")).contains("exec"), name + ": Docker mounts tmpfs"
                + " noexec unless told otherwise; libjllama.so and DJL's library are extracted to /tmp and loaded from"
                + " there: " + tmpfs.get(0));
        assertEquals(List.of("ALL"), ComposeFile.list(service, "cap_drop"), name + ": cap_drop");
        assertTrue(ComposeFile.list(service, "security_opt").contains("no-new-privileges:true"), name);
        assertEquals("1001:1001", service.get("user"), name + ": user");
        Map<String, Object> environment = ComposeFile.map(service, "environment");
        Duration drain = Containers.quarkusDuration(ComposeFile.env(service, "QUARKUS_SHUTDOWN_DELAY"))
                .plus(Containers.quarkusDuration(ComposeFile.env(service, "QUARKUS_SHUTDOWN_TIMEOUT")))
                .plus(environment.containsKey("LLM_DRAIN_TIMEOUT")
                        ? Containers.quarkusDuration(ComposeFile.env(service, "LLM_DRAIN_TIMEOUT")) : Duration.ZERO);
        Duration grace = Containers.quarkusDuration((String) service.get("stop_grace_period"));
        assertTrue(grace.compareTo(drain.plusSeconds(10)) >= 0, name + ": stop_grace_period " + grace
                + " must exceed readiness delay + drain timeouts (" + drain + ") by 10 s");
        if (SERVICES.get(name) == Platform.INFERENCE) {
            assertEquals(Containers.quarkusDuration(ComposeFile.env(service, "QUARKUS_SHUTDOWN_TIMEOUT")),
                    Containers.quarkusDuration(ComposeFile.env(service, "LLM_DRAIN_TIMEOUT")),
                    name + ": running generations get the drain time the docs promise (LLM_DRAIN_TIMEOUT)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "tokenizer-service", "inference-service", "inference-gpu"})
    void serviceGetsTheSharedGrpcTokenAndTheTracingVariables(String name) {
        Map<String, Object> environment = ComposeFile.map(COMPOSE.service(name), "environment");
        for (String variable : List.of("LLM_GRPC_TOKEN", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL")) {
            assertEquals("${" + variable + ":-}", environment.get(variable),
                    name + ": " + variable + " is passed through from the caller's environment");
        }
    }
}
