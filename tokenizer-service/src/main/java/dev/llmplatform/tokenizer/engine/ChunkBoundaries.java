package dev.llmplatform.tokenizer.engine;

/**
 * Finds the places where a long text may be cut so that counting the pieces separately gives the same total as
 * counting the whole text, for tokenizers whose pipeline {@link ChunkSafety} (Hugging Face) or the encoding's
 * regex (tiktoken) has been checked to allow it.
 *
 * <p>A cut is allowed at index {@code p} when {@code text[p-1]} is {@code '\n'}, {@code text[p-2]} is a
 * visible character (a letter, a digit, or ASCII punctuation: never whitespace), and {@code text[p]} is a letter of
 * the Basic Multilingual Plane (ASCII or not, so that CJK, Cyrillic or Arabic lines are cut too; a combining mark
 * is not a letter). Why no pre-token can span such a cut, for the splitting rules this is used with:
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
 *
 * <p>A cut is also allowed at a single space between two ASCII letters ({@code "abc| def"}), so that one long line
 * is cut too: every split regex above ends a letter run at the space and starts the next pre-token with it
 * ({@code " ?\p{L}+"}, {@code "[^
\p{L}\p{N}]?\p{L}+"}, o200k's cased runs), whitespace splitters split there,
 * and a space next to an ASCII letter composes with nothing. {@link #nextWordCut} allows only this kind of cut; it
 * serves SentencePiece-style BPE pipelines (see {@code ChunkSafety}).
 */
public final class ChunkBoundaries {

    private ChunkBoundaries() {
    }

    /**
     * The first allowed cut (after a newline, or at a space between letters) at or after {@code target}, or
     * {@code text.length()} when there is none.
     *
     * @param text the text
     * @param target where to start looking (clamped to at least 2)
     */
    public static int nextCut(String text, int target) {
        int n = text.length();
        for (int p = Math.max(2, target); p < n; p++) {
            char c = text.charAt(p);
            if (c == ' ' ? isWordCut(text, p) : text.charAt(p - 1) == '\n' && Character.isLetter(c)
                    && !Character.isSurrogate(c) && isVisible(text.charAt(p - 2))) {
                return p;
            }
        }
        return n;
    }

    /**
     * The first cut at a single space between two ASCII letters at or after {@code target}, or {@code text.length()}
     * when there is none.
     */
    public static int nextWordCut(String text, int target) {
        int n = text.length();
        for (int p = text.indexOf(' ', Math.max(1, target)); p >= 0; p = text.indexOf(' ', p + 1)) {
            if (isWordCut(text, p)) {
                return p;
            }
        }
        return n;
    }

    /** {@code text[p]} is a space with an ASCII letter on each side. */
    private static boolean isWordCut(String text, int p) {
        return p >= 1 && p + 1 < text.length() && text.charAt(p) == ' ' && isAsciiLetter(text.charAt(p - 1))
                && isAsciiLetter(text.charAt(p + 1));
    }

    /** The letters a word cut lies between ({@code a-z}, {@code A-Z}). */
    public static boolean isAsciiLetter(char c) {
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
