package dev.llmplatform.gguf;

import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;

/**
 * SentencePiece-style BPE over scored pieces (llama.cpp's llm_tokenizer_spm): start from single characters, keep
 * merging the adjacent pair whose concatenation is the vocabulary entry with the highest score (ties: leftmost), and
 * spell what is left that is not an entry as byte tokens {@code <0xXX>}. The caller has already escaped spaces as
 * U+2581. O(n log n) in the text length.
 */
final class SpmSegmenter implements Segmenter {

    private final VocabIndex vocab;

    SpmSegmenter(VocabIndex vocab) {
        this.vocab = vocab;
    }

    private record Bigram(int left, int right, float score, int size) {
    }

    @Override
    public void encode(String text, IntList out) {
        int n = text.codePointCount(0, text.length());
        if (n == 0) {
            return;
        }
        int[] start = new int[n];
        int[] length = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0, offset = 0; i < n; i++) {
            start[i] = offset;
            length[i] = Character.charCount(text.codePointAt(offset));
            offset += length[i];
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.score != b.score
                ? Float.compare(b.score, a.score) : Integer.compare(a.left, b.left));
        for (int i = 1; i < n; i++) {
            addBigram(text, start, length, i - 1, i, queue);
        }
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            int left = bigram.left;
            int right = bigram.right;
            if (length[left] == 0 || length[right] == 0 || length[left] + length[right] != bigram.size) {
                continue;
            }
            length[left] += length[right];
            length[right] = 0;
            next[left] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = left;
            }
            addBigram(text, start, length, prev[left], left, queue);
            addBigram(text, start, length, left, next[left], queue);
        }
        for (int i = 0; i != -1; i = next[i]) {
            String piece = text.substring(start[i], start[i] + length[i]);
            int id = vocab.id(piece);
            if (id >= 0) {
                out.add(id);
            } else {
                for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                    int byteId = vocab.byteToken(b & 0xFF);
                    if (byteId >= 0) {
                        out.add(byteId);
                    }
                }
            }
        }
    }

    private void addBigram(String text, int[] start, int[] length, int left, int right, PriorityQueue<Bigram> queue) {
        if (left == -1 || right == -1) {
            return;
        }
        int size = length[left] + length[right];
        int id = vocab.id(text.substring(start[left], start[left] + size));
        if (id >= 0) {
            queue.add(new Bigram(left, right, vocab.score(id), size));
        }
    }
}
