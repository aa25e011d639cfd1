package dev.llmplatform.gateway.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ModelNotFoundTest {

    @Test
    void aNameThatDiffersInCaseGetsTheServedIdElseTheServedModelsAreListed() {
        assertEquals("The model 'Qwen2.5-0.5B-Instruct' does not exist or is not served; did you mean"
                + " 'qwen2.5-0.5b-instruct'? (model ids are case-sensitive)",
                ModelNotFound.message("Qwen2.5-0.5B-Instruct", List.of("phi-3-mini", "qwen2.5-0.5b-instruct")));
        assertEquals("The model 'gpt-4o' does not exist or is not served; served: phi-3-mini, qwen2.5-0.5b-instruct",
                ModelNotFound.message("gpt-4o", List.of("phi-3-mini", "qwen2.5-0.5b-instruct")));
        assertEquals("The model 'gpt-4o' does not exist or is not served", ModelNotFound.message("gpt-4o", List.of()));
        List<String> many = IntStream.range(0, 12).mapToObj(i -> "m" + i).toList();
        assertEquals("The model 'x' does not exist or is not served; served: m0, m1, m2, m3, m4, m5, m6, m7, m8, m9,"
                + " ...", ModelNotFound.message("x", many));
        String longName = "a".repeat(500);
        assertEquals(true, ModelNotFound.message(longName, List.of()).length() < 200, "the name is quoted cut");
    }
}
