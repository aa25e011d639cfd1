package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose itself accepts the compose file, with and without the gpu profile, and its normalised view keeps
 * the GPU reservation, the profile and the start order (docker-compose v1 does not list profiles in
 * {@code config --services}, so the normalised configuration is read instead).
 */
class ComposeValidationTest {

    private static final ExternalTool COMPOSE = ExternalTool.dockerCompose();

    @Test
    void composeAcceptsTheFile() {
        COMPOSE.run(RepositoryRoot.get(), Map.of(), "-f", "docker-compose.yml", "config", "-q");
        COMPOSE.run(RepositoryRoot.get(), Map.of(), "-f", "docker-compose.yml", "--profile", "gpu", "config", "-q");
    }

    @Test
    void normalisedConfigurationKeepsProfileReservationAndStartOrder() {
        String normalised = COMPOSE.run(RepositoryRoot.get(), Map.of(), "-f", "docker-compose.yml", "config")
                .stdout();
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(normalised);
        Map<String, Object> services = ComposeFile.map(root, "services");
        assertEquals(List.of("gateway", "inference-gpu", "inference-service", "tokenizer-service"),
                services.keySet().stream().sorted().toList());
        for (String always : List.of("gateway", "inference-service", "tokenizer-service")) {
            assertFalse(ComposeFile.map(services, always).containsKey("profiles"), always + " must run by default");
        }
        Map<String, Object> gpu = ComposeFile.map(services, "inference-gpu");
        assertEquals(List.of("gpu"), ComposeFile.list(gpu, "profiles"));
        Map<String, Object> reservations = ComposeFile.map(ComposeFile.map(ComposeFile.map(gpu, "deploy"),
                "resources"), "reservations");
        assertEquals(List.of(Map.of("driver", "nvidia", "count", 1, "capabilities", List.of("gpu"))),
                ComposeFile.list(reservations, "devices"));
        Map<String, Object> dependsOn = ComposeFile.map(ComposeFile.map(services, "gateway"), "depends_on");
        for (String backend : List.of("tokenizer-service", "inference-service")) {
            assertEquals("service_healthy", ComposeFile.map(dependsOn, backend).get("condition"), backend);
        }
    }

    @Test
    void everyPortIsPublishedOnLoopbackUnlessTheOperatorOpensTheGateway() {
        Map<String, Object> services = normalisedServices(Map.of(), "--profile", "gpu");
        for (String name : services.keySet()) {
            for (Object port : ComposeFile.list(ComposeFile.map(services, name), "ports")) {
                assertTrue(port.toString().startsWith("127.0.0.1:"), name + " is published beyond this host: " + port
                        + " (the gateway has no API keys by default)");
            }
        }
        Map<String, Object> opened = normalisedServices(Map.of("GATEWAY_BIND", "0.0.0.0",
                "GATEWAY_API_KEYS", "key-1"));
        assertEquals(List.of("0.0.0.0:8080:8080/tcp"), ComposeFile.list(ComposeFile.map(opened, "gateway"), "ports"),
                "GATEWAY_BIND opens the gateway (with keys set)");
    }

    private static Map<String, Object> normalisedServices(Map<String, String> environment, String... profile) {
        List<String> arguments = new java.util.ArrayList<>(List.of("-f", "docker-compose.yml"));
        arguments.addAll(List.of(profile));
        arguments.add("config");
        String normalised = COMPOSE.run(RepositoryRoot.get(), environment, arguments.toArray(String[]::new)).stdout();
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(normalised);
        return ComposeFile.map(root, "services");
    }
}
