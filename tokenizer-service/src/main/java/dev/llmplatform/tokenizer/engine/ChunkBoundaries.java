package dev.llmplatform.tokenizer.engine;

/**
 * Finds the places where a long text may be cut so that counting the pieces separately gives the same total as
 * counting the whole text, for tokenizers whose pipeline {@link ChunkSafety} (Hugging Face) or the encoding's
 * regex (tiktoken) has been checked to allow it.
 *
 * <p>A cut is allowed at index {@code p} only when {@code text[p-1]} is {@code '\n'}, {@code text[p-2]} is a
 * visible character (a letter, a digit, or ASCII punctuation: never whitespace), and {@code text[p]} is an ASCII
 * letter. Why no pre-token can span such a cut, for the splitting rules this is used with:
 * <ul>
 *   <li>GPT-2 / Falcon byte-level regex ({@code ?\p{L}+}, {@code \s+(?!\S)}, {@code \s+}, ...): no alternative
 *       matches both whitespace and a letter, and the only letter alternative may start with a space, not a
 *       newline. The newline is its own piece in both cases ({@code \s+} in the whole text,
 *       {@code \s+(?!\S)} at the end of the piece): the same string, so the same tokens. Requiring a visible
 *       character before the newline matters: {@code " \n"} followed by a letter is two pieces in the whole text
 *       but one ({@code \s+(?!\S)}) at the end of a piece.</li>
 *   <li>Llama-3 / Qwen2 / cl100k / o200k regexes: letter alternatives may take one leading character that is not
 *       {@code \r}, {@code \n}, a letter or a digit, so never the newline; whitespace and punctuation
 *       alternatives ({@code \s*[\r\n]+}, {@code ?[^\s\p{L}\p{N}]+[\r\n]*}) end at the last newline before the
 *       letter in both cases.</li>
 *   <li>BERT and whitespace splitters: the newline is whitespace, a split point.</li>
 *   <li>Per-character normalizers (NFC/NFKC, lower-casing, BERT's cleaning, SentencePiece's precompiled map, which
 *       works on grapheme clusters): a line feed never composes with a neighbour and always ends a grapheme
 *       cluster.</li>
 * </ul>
 */
public final class ChunkBoundaries {

    private ChunkBoundaries() {
    }

    /**
     * The first allowed cut at or after {@code target}, or {@code text.length()} when there is none.
     *
     * @param text the text
     * @param target where to start looking (clamped to at least 2)
     */
    public static int nextCut(String text, int target) {
        int n = text.length();
        for (int p = Math.max(2, target); p < n; p++) {
            int at = text.indexOf('\n', p - 1);
            if (at < 0 || at + 1 >= n) {
                return n;
            }
            p = at + 1;
            if (isAsciiLetter(text.charAt(p)) && isVisible(text.charAt(p - 2))) {
                return p;
            }
        }
        return n;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** A letter, a digit or ASCII punctuation: never whitespace of any kind, never a combining mark. */
    private static boolean isVisible(char c) {
        if (c >= 0x21 && c <= 0x7E) {
            return true;
        }
        return c > 0x7F && Character.isLetterOrDigit(c);
    }
}
