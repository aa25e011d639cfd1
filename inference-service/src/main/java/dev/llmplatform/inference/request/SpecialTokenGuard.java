package dev.llmplatform.inference.request;

import dev.llmplatform.inference.engine.TextEngine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps special-token strings in chat message contents from becoming control tokens.
 *
 * <p>The binding tokenizes every prompt with special-token parsing on, so a user who types {@code </s>} or
 * {@code <|im_end|>} would otherwise produce the real control token and could end or forge a turn. Every substring
 * shaped like a special token ({@code <...>}, {@code <|...|>}, {@code [INST]}-style) that the model's vocabulary
 * turns into exactly one token is broken by a ZERO WIDTH SPACE (U+200B) after its first character. The text still
 * reads the same and is tokenized as ordinary characters. Raw prompts (plain completion) are left as they are: the
 * caller composes them, special tokens included, as with llama-server's {@code /completion}.
 */
public final class SpecialTokenGuard {

    /** The character inserted to break a special-token string. */
    public static final char BREAK = '\u200B';

    private static final Pattern CANDIDATE = Pattern.compile("<[|｜]?[^\\s<>]{1,64}?[|｜]?>|\\[/?[A-Z_]{2,32}\\]");

    private final TextEngine engine;

    /** A guard that asks the engine's vocabulary which candidates are special tokens. */
    public SpecialTokenGuard(TextEngine engine) {
        this.engine = engine;
    }

    /** The content with every special-token string broken. */
    public String neutralise(String content) {
        Matcher matcher = CANDIDATE.matcher(content);
        StringBuilder out = null;
        int copied = 0;
        while (matcher.find()) {
            String candidate = matcher.group();
            if (engine.tokenize(candidate).length != 1) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(content.length() + 8);
            }
            out.append(content, copied, matcher.start() + 1).append(BREAK);
            copied = matcher.start() + 1;
        }
        if (out == null) {
            return content;
        }
        return out.append(content, copied, content.length()).toString();
    }
}
