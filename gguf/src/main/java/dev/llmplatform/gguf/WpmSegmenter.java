package dev.llmplatform.gguf;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * WordPiece as llama.cpp runs BERT vocabularies (llm_tokenizer_wpm): keep the first code point of each character's
 * NFD form (which drops accents), lowercase, split at whitespace and around punctuation, ASCII symbols and CJK
 * ideographs, drop control characters; then cover each word, prefixed with U+2581, greedily with the longest
 * vocabulary entries (continuations are stored without "##" in GGUF files). A word that cannot be covered becomes the
 * unknown token. Cost per character: one lookup per distinct token length.
 */
final class WpmSegmenter implements Segmenter {

    private static final String PHANTOM_SPACE = "\u2581";

    private final VocabIndex vocab;
    private final int unknownId;

    WpmSegmenter(VocabIndex vocab, int unknownId) {
        this.vocab = vocab;
        this.unknownId = unknownId;
    }

    @Override
    public void encode(String text, IntList out) {
        int[] lengths = vocab.lengthsDescending();
        for (String word : words(text)) {
            String word1 = PHANTOM_SPACE + word;
            int n = word1.length();
            int before = out.size();
            for (int i = 0; i < n; i++) {
                boolean match = false;
                // Longest match first; only lengths some token has are tried (llama.cpp tries every length up to
                // the longest token, with the same result).
                for (int length : lengths) {
                    int j = i + length;
                    int id = j <= n ? vocab.id(word1.substring(i, j)) : -1;
                    if (id >= 0) {
                        out.add(id);
                        match = true;
                        i = j - 1;
                        break;
                    }
                }
                if (!match) {
                    out.truncate(before);
                    break;
                }
            }
            if (out.size() == before && unknownId >= 0) {
                out.add(unknownId);
            }
        }
    }

    /** The normalised words of a text (llama.cpp's preprocess). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(original -> {
            int cp = firstOfNfd(original);
            int flags = UnicodeFlags.of(cp);
            if ((flags & UnicodeFlags.WHITESPACE) != 0) {
                flush(word, words);
                return;
            }
            if (cp == 0 || cp == 0xFFFD || (flags & UnicodeFlags.CONTROL) != 0) {
                return;
            }
            int lower = Character.toLowerCase(cp);
            if ((flags & UnicodeFlags.PUNCTUATION) != 0 || (cp < 0x7F && (flags & UnicodeFlags.SYMBOL) != 0)
                    || isChinese(cp)) {
                flush(word, words);
                words.add(new String(Character.toChars(lower)));
            } else {
                word.appendCodePoint(lower);
            }
        });
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static int firstOfNfd(int cp) {
        if (cp < 0xC0) {
            return cp;
        }
        String nfd = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        return nfd.codePointAt(0);
    }

    private static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B920 && cp <= 0x2CEAF) // llama.cpp copies Hugging Face's 0x2B920 here
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
