package dev.llmplatform.chatprompt;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * The prompt an engine sees for a chat: its text and its token ids.
 *
 * @param text        the prompt text: the chat template's output exactly as transformers renders it, or for a model
 *                    without a template the message contents joined with {@code "\n"}
 * @param ids         the token ids to send to the engine (see {@link ChatPromptBuilder#build}); a copy is kept and
 *                    handed out
 * @param fromRequest the characters of {@code text} (UTF-16 indices) that came from the request; a copy is kept and
 *                    handed out
 * @param templated   whether a chat template rendered the text (false: the plain-completion rule)
 */
public record ChatPrompt(String text, int[] ids, BitSet fromRequest, boolean templated) {

    /** Copies the arrays and checks that the bits lie inside the text. */
    public ChatPrompt {
        Objects.requireNonNull(text, "text");
        ids = Objects.requireNonNull(ids, "ids").clone();
        fromRequest = (BitSet) Objects.requireNonNull(fromRequest, "fromRequest").clone();
        if (fromRequest.length() > text.length()) {
            throw new IllegalArgumentException("fromRequest marks index " + (fromRequest.length() - 1)
                    + " of a text of " + text.length() + " characters");
        }
    }

    /** A copy of the token ids. */
    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** The number of tokens: the prompt's token count for cost and context-fit checks. */
    public int tokenCount() {
        return ids.length;
    }

    /** A copy of the request-owned characters. */
    @Override
    public BitSet fromRequest() {
        return (BitSet) fromRequest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChatPrompt p && templated == p.templated && text.equals(p.text)
                && Arrays.equals(ids, p.ids) && fromRequest.equals(p.fromRequest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, Arrays.hashCode(ids), fromRequest, templated);
    }

    @Override
    public String toString() {
        return "ChatPrompt[" + text.length() + " chars, " + ids.length + " tokens, "
                + fromRequest.cardinality() + " chars from the request, templated=" + templated + "]";
    }
}
