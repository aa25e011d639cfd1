package dev.llmplatform.tokenizer;

import dev.llmplatform.testsupport.TestAssets;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The service over the test assets (located by TestAssets): every tokenizer folder, the five GGUF vocabularies, and
 * one served model, {@code stories-qwen} ({@code models/stories260K-qwen2.5-template.gguf}, named as
 * {@code LLM_MODEL_NAME} would name it). The gRPC test classes share this one profile, so they share one start of the
 * application.
 */
public class AssetsProfile implements QuarkusTestProfile {

    /** The served model's name. */
    public static final String SERVED = "stories-qwen";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("tokenizer.dir", TestAssets.dir("tokenizers").toString());
        overrides.put("tokenizer.gguf-files", Stream.of("gpt-2", "llama-spm", "phi-3", "falcon", "bert-bge")
                .map(v -> TestAssets.file("gguf-vocab/ggml-vocab-" + v + ".gguf").toString())
                .collect(Collectors.joining(",")));
        overrides.put("tokenizer.model.path", TestAssets.file("models/stories260K-qwen2.5-template.gguf").toString());
        overrides.put("tokenizer.model.name", SERVED);
        // Encode answers for the huge inputs take up to 64 MiB.
        overrides.put("quarkus.grpc.clients.tokenizer.max-inbound-message-size", "67108864");
        return overrides;
    }
}
