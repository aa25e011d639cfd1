package dev.llmplatform.tokenizer.hf;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, in a rendered chat prompt, the template tokens (special added tokens, and added tokens shaped like control
 * tokens) that the Hugging Face library would match, where the chat template wrote them, and cuts the prompt there.
 *
 * <p>Why this is exact: the library's added vocabulary cuts the input at added-token matches before anything else,
 * and normalizes, pre-tokenizes and tokenizes every part between two matches on its own. The tokens
 * {@code apply_chat_template(tokenize=True)} gives are therefore the matched tokens plus the tokens of each part. This
 * class reproduces the matching of {@code AddedVocabulary::find_matches}: leftmost-longest over all template tokens,
 * a {@code single_word} token only where no word character ({@code \w}) touches it, an {@code lstrip} token taking the
 * whitespace ({@code \s}) on its left (not before the previous match), an {@code rstrip} token the whitespace on its
 * right. The one difference is the point of it: a match must lie wholly in template-owned text, so a special-token
 * string inside a message content stays text. The parts are then counted with the literal tokenizer, which matches
 * the remaining (ordinary) added tokens itself, as the library does in each part.
 *
 * <p>Not reproduced: tokens with {@code normalized: true} are matched against the raw text rather than the normalized
 * one (the same unless the normalizer rewrites the token's text; no special token of the assets is normalized), and
 * a match found inside the whitespace an rstrip token just took (only possible for a whitespace token).
 */
final class TemplateTokenSplitter {

    /** The prompt cut at the template tokens. */
    record Split(int templateTokens, List<Part> parts) {
    }

    /** A part of the prompt between template tokens: {@code text[start, end)}. */
    record Part(int start, int end) {
    }

    private final Map<Character, List<AddedToken>> byFirstChar = new HashMap<>();

    TemplateTokenSplitter(List<AddedToken> tokens) {
        for (AddedToken token : tokens) {
            byFirstChar.computeIfAbsent(token.content().charAt(0), c -> new ArrayList<>()).add(token);
        }
        byFirstChar.values().forEach(list -> list.sort(
                Comparator.comparingInt((AddedToken t) -> t.content().length()).reversed()));
    }

    /** Cuts {@code text} at the template tokens lying wholly outside {@code fromRequest}. */
    Split split(String text, BitSet fromRequest) {
        List<Part> parts = new ArrayList<>();
        int matched = 0;
        int partStart = 0;
        int at = fromRequest.nextClearBit(0);
        while (at < text.length()) {
            AddedToken token = longestAt(text, fromRequest, at);
            if (token == null) {
                at = fromRequest.nextClearBit(at + 1);
                continue;
            }
            int start = at;
            int stop = at + token.content().length();
            if (token.lstrip()) {
                while (start > partStart && isWhiteSpace(text.charAt(start - 1))) {
                    start--;
                }
            }
            if (token.rstrip()) {
                while (stop < text.length() && isWhiteSpace(text.charAt(stop))) {
                    stop++;
                }
            }
            if (partStart < start) {
                parts.add(new Part(partStart, start));
            }
            matched++;
            partStart = stop;
            at = stop < text.length() ? fromRequest.nextClearBit(stop) : stop;
        }
        if (partStart < text.length()) {
            parts.add(new Part(partStart, text.length()));
        }
        return new Split(matched, List.copyOf(parts));
    }

    /** The longest template token that matches at {@code at} within template-owned text, or null. */
    private AddedToken longestAt(String text, BitSet fromRequest, int at) {
        List<AddedToken> candidates = byFirstChar.get(text.charAt(at));
        if (candidates == null) {
            return null;
        }
        int owned = fromRequest.nextSetBit(at);
        int limit = owned < 0 ? text.length() : owned;
        for (AddedToken token : candidates) {
            String content = token.content();
            if (at + content.length() <= limit && text.startsWith(content, at)
                    && (!token.singleWord() || singleWord(text, at, at + content.length()))) {
                return token;
            }
        }
        return null;
    }

    /** Whether no word character touches {@code text[start, end)} on either side. */
    private static boolean singleWord(String text, int start, int end) {
        return (start == 0 || !isWord(text.codePointBefore(start)))
                && (end == text.length() || !isWord(text.codePointAt(end)));
    }

    /** Unicode {@code \w} as the Rust regex crate reads it: alphabetic, marks, decimal digits, connectors, joiners. */
    static boolean isWord(int cp) {
        if (Character.isAlphabetic(cp) || Character.isDigit(cp) || cp == 0x200C || cp == 0x200D) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.CONNECTOR_PUNCTUATION;
    }

    /** Unicode {@code \s} (the White_Space property), as the Rust regex crate reads it. */
    static boolean isWhiteSpace(char c) {
        return (c >= 0x09 && c <= 0x0D) || c == ' ' || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }
}
