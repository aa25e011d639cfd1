package dev.llmplatform.gateway.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v1/models", "/v1/models/qwen2.5:0.5b", "/v1/models/a%20b", "/v1/models/%C3%B1",
        "/q/swagger-ui/", "/q/swagger-ui/index.html", "/index.html", "/v1/models/a.b"})
    void canonicalPaths(String path) {
        assertTrue(CanonicalPath.problem(path).isEmpty(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "v1/models", "/v1;/models", "/v1/models;", "/v1%2Fmodels", "/v1%2fmodels",
        "/v1%3Bmodels", "/v1/%2E/models", "/v1/%2e%2e/models", "/v1/./models", "/v1/x/../models", "/v1/models/..",
        "/v1/models/.", "/v1//models", "//v1/models", "/v1/models/", "/q/health/", "/v1\\models", "/v1%5Cmodels",
        "/v1/models%00", "/v1/models%1f", "/v1/models%7F", "/v1/models%", "/v1/models%2", "/v1/models%zz",
        "/v1/models%+1", "/v1/%252E%252E/models", "/v1/models#x", "/v1/mod els", "/v1/modéls", "/v1/models\t"})
    void nonCanonicalPaths(String path) {
        assertFalse(CanonicalPath.problem(path).isEmpty(), path);
    }

    @Test
    void everyFileOfTheWebUiIsPublicAndNothingUnderV1Is() throws IOException {
        Path root = Path.of("src/main/resources/META-INF/resources");
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String path = "/" + root.relativize(file).toString().replace('\\', '/');
                assertTrue(PublicPaths.isPublic(path), path + " is served but not listed in PublicPaths");
            });
        }
        for (String path : new String[] {"/v1/models", "/v1/chat/ws", "/v1/tokenize", "/q/dev-ui", "/q/arc",
            "/index.htm", "/V1/models", "/q/healthz", "/q/metricsx"}) {
            assertFalse(PublicPaths.isPublic(path), path);
        }
    }
}
