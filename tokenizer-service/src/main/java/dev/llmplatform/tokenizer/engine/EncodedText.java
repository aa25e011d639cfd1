package dev.llmplatform.tokenizer.engine;

/**
 * The tokenization of one text. All arrays have one entry per token. Offsets are end-exclusive; a token that
 * covers no input (an added special token) has -1 in all four offset arrays.
 *
 * @param ids token ids
 * @param tokens token strings as the vocabulary spells them
 * @param charStarts first UTF-16 code unit of each token
 * @param charEnds one past the last UTF-16 code unit
 * @param byteStarts first UTF-8 byte of each token
 * @param byteEnds one past the last UTF-8 byte
 * @param special whether each token is a special (control) token
 */
public record EncodedText(int[] ids, String[] tokens, int[] charStarts, int[] charEnds, int[] byteStarts,
        int[] byteEnds, boolean[] special) {

    /** Number of tokens. */
    public int count() {
        return ids.length;
    }
}
