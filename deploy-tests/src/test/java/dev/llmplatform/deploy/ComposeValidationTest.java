package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
