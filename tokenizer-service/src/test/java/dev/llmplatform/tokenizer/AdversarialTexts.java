package dev.llmplatform.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Texts built to break piecewise counting: every shape of text around a newline, repeated past many cuts. */
final class AdversarialTexts {

    private static final List<String> FRAGMENTS = List.of(
            "word\nNext", "word \nNext", "word  \n  Next", "word\n\nNext", "word\n \nNext", "word\t\nNext",
            "word\r\nNext", "word\r\n\r\nNext", "word\rNext", "a\u00a0\nB", "a\u0085\nB", "a\u2028\nB", "a\u3000\nB",
            "e\u0301\nAbc", "x\nA\u0301bc", "caf\u00e9\nZ", "\u00c5\ngstr\u00f6m", "123\n456\nabc", "12\nA1",
            "it's\n's\nS'd\nthe", "end.\nStart", "end...\n\nStart", "(x)\nY", "a/\nb", "a-\nb", "</s>\nx",
            "\u4e2d\u6587\nEnglish", "\u65e5\u672c\u8a9e\n\u30c6\u30b9\u30c8\nok", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629\nok",
            "\ud83d\ude00 emoji\nnext", "\ud83d\udc4d\ud83c\udffd\nThumbs", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\nfam",
            "\u0000\nnul", "tab\t\tword\nz", "    indented code\n    more", "def f(x):\n    return x\nclass A:\n",
            "          \n", "\n\n\n\nA", " leading space\nb", "UPPER\nlower", "Mixed\nCASE",
            // a non-ASCII letter after the newline
            "x\n\u00e9t\u00e9", "a\n\u0391\u03b2\u03b3", "\u0627\u0644\n\u0639\u0631\u0628", "\u4e2d\n\u6587\u5b57",
            "A\n\u00c5ngstr\u00f6m", "b\n\u01c5x", "z\n\u02b0m", "k\n\u0915\u094d\u0937", "\u0e01\n\u0e33",
            "q\n\u3042\u3099", "\u0416\n\u0436", "9\n\u00df", "!\n\u0130i", "\u00e9\n\u00e9",
            // around the cut at a space between letters
            "word Next", "a b", "it's 's S'd the", "Don 't", "e\u0301 Abc", "abc d\u0301ef", "ab\u2581 cd",
            "ab \u2581cd", "ab\u2581\u2581 cd", "ab  cd", "ab\t cd", "x </s> y", "a<s> b", "a </s>b", "x\u00a0 y",
            "the 123 abc", "abc 1", "CAPS Word", "camelCase Word", "a.b c", "\u0130 i", "na\u00efve caf\u00e9 x",
            "<|im_end|> x <|im_end|>y", "[CLS] a [SEP]", "\u4e2d a \u6587 b", "x\u200d y", "q \ud83d\ude00 z");

    private AdversarialTexts() {
    }

    /** Each fragment repeated past several cuts, a random mix of all of them, and long-run cases. */
    static List<String> all() {
        List<String> texts = new ArrayList<>();
        for (String fragment : FRAGMENTS) {
            texts.add(fragment.repeat(Math.max(2, 1500 / fragment.length())));
        }
        Random random = new Random(7);
        StringBuilder mix = new StringBuilder();
        while (mix.length() < 60_000) {
            mix.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            if (random.nextInt(4) == 0) {
                mix.append(random.nextBoolean() ? '\n' : ' ');
            }
        }
        texts.add(mix.toString());
        texts.add(("x" + " ".repeat(3000) + "\n").repeat(4) + "Tail");
        texts.add(("line\n" + "\t \u00a0".repeat(500) + "\nWord ").repeat(3));
        // longer than six production pieces (16K) and hundreds of small ones, with no cut inside
        String bigWord = "antidisestablishmentarianism".repeat(100_000 / 28);
        texts.add(bigWord);
        texts.add("Intro line\n" + bigWord + "\nAfter the word\nEnd");
        return texts;
    }

    /** The tokenizer's special-token strings as literal text, around cuts. */
    static String specialStrings(List<String> specials) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            for (String special : specials.subList(0, Math.min(specials.size(), 50))) {
                text.append(special).append("\nHello ").append(special).append(" x\n");
            }
            text.append("<|endoftext|>\nUser <|im_start|>user\nHi<|im_end|>\n[CLS] a [SEP]\n<s>b</s>\n");
        }
        return text.toString();
    }

    /** A short description of a text for failure messages. */
    static String describe(String text) {
        String head = text.substring(0, Math.min(40, text.length())).replace("\n", "\\n").replace("\r", "\\r");
        return "\"" + head + "...\" (" + text.length() + " chars)";
    }
}
