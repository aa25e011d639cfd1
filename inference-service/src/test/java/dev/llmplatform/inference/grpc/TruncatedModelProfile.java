package dev.llmplatform.inference.grpc;

import dev.llmplatform.testsupport.TestAssets;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Serves a copy of stories260K cut in half: the service must refuse it and stay up, not ready. */
public class TruncatedModelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            byte[] full = Files.readAllBytes(TestAssets.file("models/stories260K.gguf"));
            Path cut = Files.createTempFile("truncated", ".gguf");
            cut.toFile().deleteOnExit();
            Files.write(cut, Arrays.copyOf(full, full.length / 2));
            return Map.of("inference.model.path", cut.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
