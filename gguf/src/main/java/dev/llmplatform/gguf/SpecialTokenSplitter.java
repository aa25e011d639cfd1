package dev.llmplatform.gguf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts special-token texts out of raw text before segmentation (llama.cpp's tokenizer_st_partition): the longest
 * special texts first, each found in every remaining text fragment. Control and unknown tokens only match when
 * special tokens are parsed (or, for a prompt with request text, where a {@link Matcher} allows); user-defined tokens
 * always match, as in llama.cpp. LSTRIP/RSTRIP tokens swallow the ASCII whitespace beside them.
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

    /**
     * Which matches of a control or unknown token's text may become that token: {@code allowed(start, end)} for the
     * match at {@code text[start, end)}. llama.cpp's parse_special is {@link #ALWAYS}; parse_special off is no matcher.
     */
    @FunctionalInterface
    interface Matcher {
        boolean allowed(int start, int end);
    }

    /** Every match is allowed. */
    static final Matcher ALWAYS = (start, end) -> true;

    List<Fragment> split(String text, boolean parseSpecial) {
        return split(text, parseSpecial ? ALWAYS : null);
    }

    /**
     * Cuts the special tokens out of {@code text}. User-defined tokens are cut wherever they occur; control and
     * unknown tokens only where {@code controlMatches} allows the match (nowhere when it is null). A match that is
     * not allowed stays part of its text fragment, and the search goes on from its next character.
     */
    List<Fragment> split(String text, Matcher controlMatches) {
        List<Fragment> fragments = new ArrayList<>();
        if (text.isEmpty()) {
            return fragments;
        }
        fragments.add(new Fragment(-1, 0, text.length()));
        for (int id : specialIds) {
            int attr = attrs[id];
            boolean control = (attr & (TokenAttributes.CONTROL | TokenAttributes.UNKNOWN)) != 0;
            if (control && controlMatches == null) {
                continue;
            }
            Matcher matches = control ? controlMatches : ALWAYS;
            String special = tokens.get(id);
            List<Fragment> next = new ArrayList<>(fragments.size() + 2);
            for (Fragment fragment : fragments) {
                if (fragment.isText() && fragment.end - fragment.start >= special.length()) {
                    cut(text, fragment, id, special, attr, matches, next);
                } else {
                    next.add(fragment);
                }
            }
            fragments = next;
        }
        return fragments;
    }

    private static void cut(String text, Fragment fragment, int id, String special, int attr, Matcher matches,
                            List<Fragment> out) {
        int start = fragment.start;
        int end = fragment.end;
        int from = start;
        while (from < end) {
            int match = indexOf(text, special, from, end);
            if (match < 0) {
                break;
            }
            if (!matches.allowed(match, match + special.length())) {
                from = match + 1;
                continue;
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
            from = start;
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
