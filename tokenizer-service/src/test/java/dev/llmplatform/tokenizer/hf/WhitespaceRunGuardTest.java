package dev.llmplatform.tokenizer.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.tokenizer.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** The pre-check in front of the native library: runs of whitespace other than CR/LF, measured in characters. */
class WhitespaceRunGuardTest {

    private final WhitespaceRunGuard guard = new WhitespaceRunGuard("llama-3.1", 10);

    @Test
    void runsUpToTheLimitPassAndLongerOnesAreRefusedWithTheNumbers() {
        guard.check("a" + " ".repeat(10) + "b" + "\t".repeat(10));
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> guard.check("ab" + " \t\u00a0\u3000".repeat(3) + "c"));
        assertEquals("text has a run of 12 whitespace characters (not counting line breaks) at character 2; "
                + "tokenizer 'llama-3.1' takes runs of at most 10 (its split expression backtracks over such runs "
                + "and the tokenizer library fails on longer ones)", refused.getMessage());
    }

    @Test
    void lineBreaksEndARunAndOtherCharactersAreNotWhitespace() {
        guard.check((" ".repeat(10) + "\n").repeat(5));
        guard.check((" ".repeat(10) + "\r").repeat(5));
        guard.check(("\u200b".repeat(30)));
        guard.check("\n".repeat(100));
        assertThrows(InvalidRequestException.class, () -> guard.check("\n" + "\u000b".repeat(11)));
    }

    @Test
    void everyUnicodeWhiteSpaceCharacterButCrLfCounts() {
        for (int c = 0; c <= 0xFFFF; c++) {
            boolean whiteSpace = Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
            boolean expected = whiteSpace && c != '\n' && c != '\r' && c != 0x1c && c != 0x1d && c != 0x1e
                    && c != 0x1f;
            assertEquals(expected, WhitespaceRunGuard.isRunCharacter((char) c), "U+" + Integer.toHexString(c));
        }
        assertTrue(WhitespaceRunGuard.isRunCharacter('\u000b'));
        assertFalse(WhitespaceRunGuard.isRunCharacter('\u180e'), "no longer White_Space since Unicode 6.3");
    }

    @Test
    void noLimitMeansNoScan() {
        new WhitespaceRunGuard("gpt2", Integer.MAX_VALUE).check(" ".repeat(100_000));
        assertEquals(Integer.MAX_VALUE, new WhitespaceRunGuard("gpt2", Integer.MAX_VALUE).maxRun());
    }
}
