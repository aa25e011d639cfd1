package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Each inference workload selects, through its own ConfigMap, an entry of the inference service's real model
 * catalogue, and serves the model it is labelled with; compose's defaults name catalogue entries too (the quick-start
 * model on CPU); nothing forces unverified downloads, and the catalogue records the architecture facts the memory
 * plans need for every model a deployment serves.
 */
class ModelCatalogueTest {

    static final List<String> OVERLAYS = RenderedOverlay.NAMES;

    /** Catalogue id to served model name, from the inference service's catalogue.json. */
    private static final Map<String, String> CATALOGUE = readCatalogue(
            RepositoryRoot.resolve("inference-service/src/main/resources/catalogue.json"));

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachWorkloadServesTheCatalogueEntryItIsLabelledWith(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Workload workload : rendered.inferenceWorkloads()) {
            String where = workload.describe(overlay);
            String model = workload.model();
            Container container = workload.container();
            assertEquals(1, container.getEnvFrom().size(), where + " envFrom");
            Map<String, String> entry = rendered.get(ConfigMap.class,
                    container.getEnvFrom().get(0).getConfigMapRef().getName()).getData();
            String id = entry.get("LLM_MODEL_ID");
            assertTrue(CATALOGUE.containsKey(id), where + ": LLM_MODEL_ID " + id + " is not in the catalogue "
                    + CATALOGUE.keySet());
            assertEquals(model, CATALOGUE.get(id), where + ": catalogue entry " + id + " serves another model");
            assertEquals(model, entry.get("LLM_MODEL_NAME"), where);
            int context = Integer.parseInt(Containers.env(container, "LLM_CONTEXT").orElse(entry.get("LLM_CONTEXT")));
            int slots = Integer.parseInt(Containers.env(container, "LLM_SLOTS").orElse(entry.get("LLM_SLOTS")));
            assertTrue(slots >= 1 && context >= 2048, where + ": " + context + " tokens of context per slot");
            assertEquals("false", Containers.env(container, "LLM_ALLOW_UNVERIFIED")
                    .orElse(entry.getOrDefault("LLM_ALLOW_UNVERIFIED", "false")), where + ": downloads are verified"
                    + " against the catalogue's or the Hub's sha256; nothing needs unverified files");
            ModelArchitecture.of(id);
        }
    }

    @Test
    void composeDefaultsNameCatalogueEntries() {
        ComposeFile compose = ComposeFile.read(RepositoryRoot.resolve("docker-compose.yml"));
        for (String service : List.of("inference-service", "inference-gpu")) {
            Map<String, Object> definition = compose.service(service);
            String id = ComposeFile.env(definition, "LLM_MODEL_ID");
            assertTrue(CATALOGUE.containsKey(id), service + ": LLM_MODEL_ID " + id + " is not in the catalogue");
            String name = ComposeFile.env(definition, "LLM_MODEL_NAME");
            assertTrue(name.isEmpty() || name.equals(CATALOGUE.get(id)), service + ": LLM_MODEL_NAME " + name);
            assertEquals("false", ComposeFile.env(definition, "LLM_ALLOW_UNVERIFIED"), service);
            ModelArchitecture.of(id);
        }
        assertEquals(Platform.QUICKSTART_MODEL, CATALOGUE.get(ComposeFile.env(compose.service("inference-service"),
                "LLM_MODEL_ID")), "compose starts with the small chat model, ready minutes before the reference ones");
        assertTrue(Platform.REFERENCE_MODELS.contains(CATALOGUE.get(ComposeFile.env(compose.service("inference-gpu"),
                "LLM_MODEL_ID"))), "the gpu profile serves a reference model");
        assertEquals("0", ComposeFile.env(compose.service("inference-service"), "LLM_CONTEXT"),
                "the CPU service takes the chosen entry's context, so switching LLM_MODEL_ID stays within memory");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> readCatalogue(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new AssertionError("the inference service's model catalogue is missing: " + path);
        }
        try (Reader reader = Files.newBufferedReader(path)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            List<Map<String, Object>> models = (List<Map<String, Object>>) root.get("models");
            return models.stream().collect(Collectors.toMap(m -> (String) m.get("id"), m -> (String) m.get("name")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
