package dev.llmplatform.bench.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BadInputCaseTest {

    @Test
    void stackTracesAndPathsLeak() {
        assertTrue(BadInputCase.leaks("java.lang.IllegalStateException: boom\n\tat x.Y.z(Y.java:12)"));
        assertTrue(BadInputCase.leaks("{\"error\":{\"message\":\"cannot open /root/models/x.gguf\"}}"));
        assertTrue(BadInputCase.leaks("NullPointerException"));
    }

    @Test
    void cleanErrorsDoNotLeak() {
        assertFalse(BadInputCase.leaks("{\"error\":{\"message\":\"'max_tokens' must be >= 1, got 0\","
                + "\"type\":\"invalid_request_error\"}}"));
        assertFalse(BadInputCase.leaks(null));
    }
}
