package dev.llmplatform.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptSetTest {

    @Test
    void builtInSetIsSmallWithUniqueIdsAndEndsWithAUserMessage() {
        List<Prompt> prompts = PromptSet.builtIn();
        assertTrue(prompts.size() >= 3 && prompts.size() <= 5, "3-5 prompts, got " + prompts.size());
        assertEquals(prompts.size(), prompts.stream().map(Prompt::id).distinct().count());
        prompts.forEach(p -> assertEquals("user", p.messages().get(p.messages().size() - 1).role(), p.id()));
    }

    @Test
    void plainTextJoinsContentsWithOneNewline() {
        Prompt capital = PromptSet.builtIn().get(1);
        assertEquals("You answer in one short sentence.\nWhat is the capital of France?", capital.plainText());
        assertEquals("What is the capital of France?", capital.question());
    }

    @Test
    void parsesOnePromptPerLineSkippingBlanksAndComments() {
        List<Prompt> prompts = PromptSet.parse(List.of("# comment", "", "  Hello there  ", "Second"), "f");
        assertEquals(2, prompts.size());
        assertEquals("p1", prompts.get(0).id());
        assertEquals(List.of(new Prompt.Message("user", "Hello there")), prompts.get(0).messages());
        assertEquals("Second", prompts.get(1).question());
    }

    @Test
    void refusesAFileWithoutPrompts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PromptSet.parse(List.of("# only a comment", " "), "prompts.txt"));
        assertEquals("no prompt in prompts.txt (one prompt per line, # for comments)", e.getMessage());
    }
}
