package dev.llmplatform.gguf;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** Token text to id lookups shared by the segmenters; immutable. */
final class VocabIndex {

    private final float[] scores;
    private final Map<String, Integer> ids;
    private final int[] byteTokens = new int[256];
    private final int[] lengthsDescending;

    VocabIndex(String[] tokens, float[] scores, int unknownId, boolean byteLevel) {
        this.scores = scores;
        this.ids = new HashMap<>(tokens.length * 2);
        TreeSet<Integer> lengths = new TreeSet<>(Comparator.reverseOrder());
        for (int i = 0; i < tokens.length; i++) {
            ids.put(tokens[i], i); // a later duplicate wins, as in llama.cpp
            lengths.add(tokens[i].length());
        }
        this.lengthsDescending = lengths.stream().mapToInt(Integer::intValue).toArray();
        for (int b = 0; b < 256; b++) {
            byteTokens[b] = byteLevel ? idOr(String.valueOf(ByteUnicode.encode(b)), unknownId)
                    : idOr(String.format("<0x%02X>", b), b < 0x80 ? idOr(String.valueOf((char) b), unknownId) : unknownId);
        }
    }

    private int idOr(String text, int fallback) {
        Integer id = ids.get(text);
        return id == null ? fallback : id;
    }

    /** The id of a token text, or -1. */
    int id(String text) {
        Integer id = ids.get(text);
        return id == null ? -1 : id;
    }

    float score(int id) {
        return scores[id];
    }

    /**
     * The token for one byte ({@code <0xXX>} in SentencePiece vocabularies, else the byte itself); the unknown token
     * (or -1 when there is none) where the vocabulary lacks it. llama.cpp aborts in that case.
     */
    int byteToken(int b) {
        return byteTokens[b];
    }

    /** The distinct lengths (in chars) of the token texts, longest first. */
    int[] lengthsDescending() {
        return lengthsDescending.clone();
    }
}
