package dev.llmplatform.inference.grpc;

import dev.llmplatform.testsupport.TestAssets;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Serves the real stories260K model for embeddings (2 slots of 512 tokens, queue of 3, at most 4 inputs a call). */
public class RealEmbeddingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("inference.model.path", TestAssets.file("models/stories260K.gguf").toString(),
                "inference.embedding.enabled", "true",
                "inference.embedding.max-inputs", "4");
    }
}
