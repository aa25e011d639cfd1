package dev.llmplatform.gguf;

import java.util.List;
import java.util.PriorityQueue;

/**
 * Byte-level BPE with ranked merges (llama.cpp's llm_tokenizer_bpe): split the text into pre-tokens, map each
 * pre-token's UTF-8 bytes to GPT-2's printable characters, then repeatedly apply the lowest-ranked merge (ties:
 * leftmost). O(n log n) in the length of a pre-token.
 */
final class BpeSegmenter implements Segmenter {

    private final VocabIndex vocab;
    private final BpeMerges merges;
    private final BpePreTokenizer preTokenizer;

    BpeSegmenter(VocabIndex vocab, BpeMerges merges, BpePreTokenizer preTokenizer) {
        this.vocab = vocab;
        this.merges = merges;
        this.preTokenizer = preTokenizer;
    }

    private record Bigram(int left, int right, String text, int rank) {
    }

    @Override
    public void encode(String text, IntList out) {
        List<String> words = BpeSplitter.split(text, preTokenizer.expressions());
        for (String raw : words) {
            String word = ByteUnicode.encodeUtf8(raw);
            if (preTokenizer.ignoreMerges() && vocab.id(word) >= 0) {
                out.add(vocab.id(word));
                continue;
            }
            encodeWord(word, out);
        }
    }

    private void encodeWord(String word, IntList out) {
        int n = word.length(); // byte-level characters are all in the BMP
        int[] length = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            length[i] = 1;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.rank != b.rank
                ? Integer.compare(a.rank, b.rank) : Integer.compare(a.left, b.left));
        for (int i = 1; i < n; i++) {
            addBigram(word, length, i - 1, i, queue);
        }
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            int left = bigram.left;
            int right = bigram.right;
            if (length[left] == 0 || length[right] == 0 || length[left] + length[right] != bigram.text.length()
                    || !word.startsWith(bigram.text, left) || right != left + length[left]) {
                continue;
            }
            length[left] += length[right];
            length[right] = 0;
            next[left] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = left;
            }
            addBigram(word, length, prev[left], left, queue);
            addBigram(word, length, left, next[left], queue);
        }
        for (int i = 0; i != -1 && n > 0; i = next[i]) {
            String piece = word.substring(i, i + length[i]);
            int id = vocab.id(piece);
            if (id >= 0) {
                out.add(id);
                continue;
            }
            // As llama.cpp: fall back to single-byte entries for the piece's (ASCII) bytes, dropping the rest.
            for (int c = 0; c < piece.length(); c++) {
                if (piece.charAt(c) < 0x80) {
                    int single = vocab.id(String.valueOf(piece.charAt(c)));
                    if (single >= 0) {
                        out.add(single);
                    }
                }
            }
        }
    }

    private void addBigram(String word, int[] length, int left, int right, PriorityQueue<Bigram> queue) {
        if (left == -1 || right == -1) {
            return;
        }
        String l = word.substring(left, left + length[left]);
        String r = word.substring(right, right + length[right]);
        int rank = merges.rank(l, r);
        if (rank >= 0) {
            queue.add(new Bigram(left, right, l + r, rank));
        }
    }
}
