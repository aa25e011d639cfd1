package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A missing or failing tool stops the validation with a message that says what to do. */
class ExternalToolTest {

    @Test
    void missingToolFailsWithTheInstallHint() {
        ExternalTool missing = new ExternalTool("llm-platform-no-such-tool", "install it with 'apt-get install x'");
        AssertionError error = assertThrows(AssertionError.class,
                () -> missing.run(RepositoryRoot.get(), Map.of(), "--version"));
        assertTrue(error.getMessage().startsWith("llm-platform-no-such-tool is not installed"), error.getMessage());
        assertTrue(error.getMessage().endsWith("install it with 'apt-get install x'"), error.getMessage());
    }

    @Test
    void failingRunReportsExitCodeAndStandardError() {
        AssertionError error = assertThrows(AssertionError.class, () -> ExternalTool.kubectl()
                .run(RepositoryRoot.get(), Map.of(), "kustomize", "k8s/overlays/no-such-overlay"));
        assertTrue(error.getMessage().contains("'kubectl kustomize k8s/overlays/no-such-overlay' exited"),
                error.getMessage());
    }

    @Test
    void successfulRunReturnsStandardOutput() {
        ExternalTool.Result result = ExternalTool.kubectl().run(RepositoryRoot.get(), Map.of(), "version", "--client");
        assertEquals(0, result.exitCode());
        assertTrue(result.stdout().contains("Client Version"), result.stdout());
    }
}
