package dev.llmplatform.inference.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The token id a generated piece stands for, where its text names exactly one token. The binding streams each
 * sampled token's text but not its id, while the prompt cache must know the ids a slot holds ({@link PromptCache}).
 * A text that several tokens render to resolves to the one normal token among them (a byte-fallback token that
 * renders the same character is not what a model samples when the whole token exists); a text with no token, an
 * ambiguous one, and an empty text (a control token such as end of sequence) resolve to nothing, and the account of
 * the slot ends there. One caveat is documented in docs/adr/0011-prompt-cache.md: a character the model sampled as
 * several byte tokens streams as one piece, and resolves to the single token of that character where one exists.
 */
public final class PieceIds {

    /** The id of no token. */
    public static final int NONE = -1;
    /** llama.cpp's token type of a normal token (GGUF {@code tokenizer.ggml.token_type}). */
    public static final int NORMAL = 1;
    private static final int UNKNOWN = 2;
    /** A control token renders as nothing in the stream (llama.cpp prints it only when asked to). */
    private static final int CONTROL = 3;
    private static final int UNUSED = 5;

    private static final PieceIds EMPTY = new PieceIds(Map.of());

    private final Map<String, Integer> ids;

    private PieceIds(Map<String, Integer> ids) {
        this.ids = ids;
    }

    /** Resolves nothing: the slot's account ends at its prompt. */
    public static PieceIds none() {
        return EMPTY;
    }

    /**
     * The lookup of a vocabulary.
     *
     * @param pieces the text each id renders to, in id order
     * @param types  each id's token type ({@link #NORMAL} for normal tokens); shorter than {@code pieces} or empty
     *               when unknown, which counts as normal
     */
    public static PieceIds of(List<String> pieces, int[] types) {
        Map<String, Integer> ids = new HashMap<>(pieces.size() * 2);
        Map<String, Boolean> normal = new HashMap<>(pieces.size() * 2);
        for (int id = 0; id < pieces.size(); id++) {
            String text = pieces.get(id);
            int type = id < types.length ? types[id] : NORMAL;
            if (text == null || text.isEmpty() || type == UNKNOWN || type == CONTROL || type == UNUSED) {
                continue;
            }
            boolean isNormal = type == NORMAL;
            Integer known = ids.get(text);
            if (known == null) {
                ids.put(text, id);
                normal.put(text, isNormal);
            } else if (isNormal && !normal.get(text)) {
                ids.put(text, id);
                normal.put(text, true);
            } else if (isNormal || !normal.get(text)) {
                ids.put(text, NONE);
            }
        }
        ids.values().removeIf(id -> id == NONE);
        return new PieceIds(Map.copyOf(ids));
    }

    /** The id the text names, or {@link #NONE}. */
    public int id(String text) {
        Integer id = ids.get(text);
        return id == null ? NONE : id;
    }

    /**
     * Follows one generation's pieces: the ids of its tokens while each resolves, ending at the first that does not.
     */
    public Trail trail() {
        return new Trail(this);
    }

    /** The resolved ids of one generation's tokens, in order, up to the first piece that did not resolve. */
    public static final class Trail {

        private final PieceIds lookup;
        private int[] ids = new int[64];
        private int count;
        private boolean broken;

        private Trail(PieceIds lookup) {
            this.lookup = lookup;
        }

        /** Adds the piece of one sampled token. */
        public void add(String text) {
            if (broken) {
                return;
            }
            int id = lookup.id(text);
            if (id == NONE) {
                broken = true;
                return;
            }
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
            }
            ids[count++] = id;
        }

        /**
         * What a slot holds after the generation: the prompt and the resolved ids of the tokens it decoded. The
         * engine decodes each sampled token at the step that samples the next one, so the last of {@code sampled}
         * tokens is not in the cells.
         *
         * @param prompt  the prompt's ids
         * @param sampled tokens sampled (pieces received)
         */
        public int[] held(int[] prompt, int sampled) {
            int generated = Math.max(0, Math.min(count, sampled - 1));
            int[] held = Arrays.copyOf(prompt, prompt.length + generated);
            System.arraycopy(ids, 0, held, prompt.length, generated);
            return held;
        }
    }
}
