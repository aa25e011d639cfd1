package dev.llmplatform.gguf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts special-token texts out of raw text before segmentation (llama.cpp's tokenizer_st_partition): the longest
 * special texts first, each found in every remaining text fragment. Control and unknown tokens only match when
 * special tokens are parsed; user-defined tokens always match, as in llama.cpp. LSTRIP/RSTRIP tokens swallow the
 * ASCII whitespace beside them.
 */
final class SpecialTokenSplitter {

    /** A piece of the input: a token id, or the text between {@code start} and {@code end}. */
    record Fragment(int token, int start, int end) {
        boolean isText() {
            return token < 0;
        }
    }

    private final List<String> tokens;
    private final int[] attrs;
    private final int[] specialIds;

    SpecialTokenSplitter(List<String> tokens, int[] attrs) {
        this.tokens = tokens;
        this.attrs = attrs;
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < attrs.length; i++) {
            if (TokenAttributes.isSpecial(attrs[i])) {
                ids.add(i);
            }
        }
        ids.sort(Comparator.comparingInt((Integer id) -> tokens.get(id).length()).reversed());
        this.specialIds = ids.stream().mapToInt(Integer::intValue).toArray();
    }

    List<Fragment> split(String text, boolean parseSpecial) {
        List<Fragment> fragments = new ArrayList<>();
        if (text.isEmpty()) {
            return fragments;
        }
        fragments.add(new Fragment(-1, 0, text.length()));
        for (int id : specialIds) {
            int attr = attrs[id];
            if (!parseSpecial && (attr & (TokenAttributes.CONTROL | TokenAttributes.UNKNOWN)) != 0) {
                continue;
            }
            String special = tokens.get(id);
            List<Fragment> next = new ArrayList<>(fragments.size() + 2);
            for (Fragment fragment : fragments) {
                if (fragment.isText() && fragment.end - fragment.start >= special.length()) {
                    cut(text, fragment, id, special, attr, next);
                } else {
                    next.add(fragment);
                }
            }
            fragments = next;
        }
        return fragments;
    }

    private static void cut(String text, Fragment fragment, int id, String special, int attr, List<Fragment> out) {
        int start = fragment.start;
        int end = fragment.end;
        while (start < end) {
            int match = indexOf(text, special, start, end);
            if (match < 0) {
                break;
            }
            int leftEnd = match;
            if ((attr & TokenAttributes.LSTRIP) != 0) {
                while (leftEnd > start && isSpace(text.charAt(leftEnd - 1))) {
                    leftEnd--;
                }
            }
            if (leftEnd > start) {
                out.add(new Fragment(-1, start, leftEnd));
            }
            out.add(new Fragment(id, 0, 0));
            start = match + special.length();
            if ((attr & TokenAttributes.RSTRIP) != 0) {
                while (start < end && isSpace(text.charAt(start))) {
                    start++;
                }
            }
        }
        if (start < end) {
            out.add(new Fragment(-1, start, end));
        }
    }

    /** The first occurrence of {@code needle} inside {@code text[from, to)}, or -1; never looks past {@code to}. */
    private static int indexOf(String text, String needle, int from, int to) {
        char first = needle.charAt(0);
        for (int i = from, last = to - needle.length(); i <= last; i++) {
            if (text.charAt(i) == first && text.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }

    /** C's isspace in the "C" locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
