package dev.llmplatform.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmplatform.inference.catalogue.CatalogueEntry;
import dev.llmplatform.inference.config.InferenceConfig;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelSettingsResolverTest {

    private static final ModelFile FILE = new ModelFile(Path.of("/m/Tiny-Model.gguf"), "llama", 2048, 5, 64, 8, 4,
            false, true, 1, 1000, 900, null);
    private static final CatalogueEntry ENTRY = new CatalogueEntry("tiny", "tiny-chat", "org/tiny", "t.gguf", "main",
            "", 1024, 3, "chatml", 0.2f);

    /** A configuration whose methods answer from a map (absent keys: 0 or empty). */
    private static InferenceConfig config(Map<String, Object> values) {
        InferenceConfig.Model model = (InferenceConfig.Model) Proxy.newProxyInstance(
                InferenceConfig.class.getClassLoader(), new Class<?>[] {InferenceConfig.Model.class},
                (proxy, method, args) -> Optional.ofNullable(values.get("model." + method.getName())));
        return (InferenceConfig) Proxy.newProxyInstance(InferenceConfig.class.getClassLoader(),
                new Class<?>[] {InferenceConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "model" -> model;
                    case "threads", "context", "slots" -> values.getOrDefault(method.getName(), 0);
                    case "nativeLog" -> values.getOrDefault(method.getName(), false);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void defaultsComeFromTheFile() throws Exception {
        LoadSettings settings = ModelSettingsResolver.resolve(config(Map.of()), Optional.empty(), FILE, 2);
        assertEquals("tiny-model", settings.name());
        assertEquals(2048, settings.contextPerSlot());
        assertEquals(1, settings.slots());
        assertEquals(1, settings.threads());
        assertEquals(false, settings.nativeLog());
    }

    @Test
    void nativeLogComesFromConfiguration() throws Exception {
        LoadSettings settings = ModelSettingsResolver.resolve(config(Map.of("nativeLog", true)), Optional.empty(),
                FILE, 2);
        assertEquals(true, settings.nativeLog());
    }

    @Test
    void catalogueEntryFillsWhatConfigurationLeavesOpen() throws Exception {
        LoadSettings settings = ModelSettingsResolver.resolve(config(Map.of("slots", 2)), Optional.of(ENTRY), FILE,
                8);
        assertEquals("tiny-chat", settings.name());
        assertEquals(1024, settings.contextPerSlot());
        assertEquals(2, settings.slots());
        assertEquals(4, settings.threads());
    }

    @Test
    void configurationWins() throws Exception {
        LoadSettings settings = ModelSettingsResolver.resolve(config(Map.of("context", 256, "threads", 3,
                "model.name", "served")), Optional.of(ENTRY), FILE, 2);
        assertEquals("served", settings.name());
        assertEquals(256, settings.contextPerSlot());
        assertEquals(3, settings.threads());
    }

    @Test
    void contextOverTheTrainedContextIsRefused() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelSettingsResolver.resolve(config(Map.of("context", 4096)), Optional.empty(), FILE, 2));
        assertEquals("context 4096 is over the model's trained context of 2048 tokens; lower LLM_CONTEXT",
                e.getMessage());
    }

    @Test
    void tooManySlotsAreRefused() {
        assertThrows(ModelLoadException.class,
                () -> ModelSettingsResolver.resolve(config(Map.of("slots", 65)), Optional.empty(), FILE, 2));
    }
}
