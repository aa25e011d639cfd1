package dev.llmplatform.inference.grpc;

import dev.llmplatform.testsupport.TestAssets;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Serves stories260K with the Qwen2.5-Instruct chat template added (the shared test model with a real template). */
public class QwenTemplateModelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("inference.model.path", TestAssets.file("models/stories260K-qwen2.5-template.gguf").toString());
    }
}
