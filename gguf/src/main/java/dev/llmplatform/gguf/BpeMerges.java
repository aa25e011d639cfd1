package dev.llmplatform.gguf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ranks of BPE merges ({@code tokenizer.ggml.merges}, "left right" per entry, rank = position; first one wins). */
final class BpeMerges {

    private static final char SEPARATOR = '\u0000';

    private final Map<String, Integer> ranks;

    BpeMerges(List<String> merges) {
        ranks = new HashMap<>(merges.size() * 2);
        for (int i = 0; i < merges.size(); i++) {
            String merge = merges.get(i);
            // As llama.cpp: split at the first space after the first character; no space means an empty pair.
            int space = merge.length() > 1 ? merge.indexOf(' ', 1) : -1;
            String key = space < 0 ? String.valueOf(SEPARATOR)
                    : merge.substring(0, space) + SEPARATOR + merge.substring(space + 1);
            ranks.putIfAbsent(key, i);
        }
    }

    /** The rank of merging {@code left} and {@code right}, or -1 when they do not merge. */
    int rank(String left, String right) {
        Integer rank = ranks.get(left + SEPARATOR + right);
        return rank == null ? -1 : rank;
    }
}
