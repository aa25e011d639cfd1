package dev.llmplatform.tokenizer;

import dev.llmplatform.testsupport.TestAssets;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Points the service at the real tokenizers of the test assets (located by TestAssets). */
public class AssetsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenizers.dir", TestAssets.dir("tokenizers").toString());
    }
}
