package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * A rendered prompt and, for each of its characters, whether it came from the request (see
 * {@link ChatTemplate#renderTracked(ChatTemplateInput)}).
 *
 * <p>Indices are UTF-16 indices into {@link #text()}, as {@link String#charAt(int)} counts them. A set bit means the
 * character came from (or could have come from) the caller's input values: the messages and everything inside them,
 * the tools and the extra variables. A clear bit means the template wrote it: its literal text, {@code bos_token},
 * {@code eos_token}, or what it computed from those alone.
 *
 * @param text        the rendered prompt, the same text {@link ChatTemplate#render(ChatTemplateInput)} returns
 * @param fromRequest the request-owned characters (a copy is kept and handed out; never beyond the text's length)
 */
public record RenderedPrompt(String text, BitSet fromRequest) {

    /** A run of characters that all came from the request, or all from the template. */
    public record Segment(int start, int end, boolean fromRequest) {
    }

    /** Copies the bits and checks they lie inside the text. */
    public RenderedPrompt {
        Objects.requireNonNull(text, "text");
        fromRequest = (BitSet) Objects.requireNonNull(fromRequest, "fromRequest").clone();
        if (fromRequest.length() > text.length()) {
            throw new IllegalArgumentException("fromRequest marks index " + (fromRequest.length() - 1)
                    + " of a text of " + text.length() + " characters");
        }
    }

    /** A copy of the request-owned characters. */
    @Override
    public BitSet fromRequest() {
        return (BitSet) fromRequest.clone();
    }

    /** Whether the character at {@code index} came from the request. */
    public boolean isFromRequest(int index) {
        Objects.checkIndex(index, text.length());
        return fromRequest.get(index);
    }

    /** Whether any character of {@code text[start, end)} came from the request. */
    public boolean anyFromRequest(int start, int end) {
        Objects.checkFromToIndex(start, end, text.length());
        int next = fromRequest.nextSetBit(start);
        return next >= 0 && next < end;
    }

    /** The text cut into maximal runs of request-owned and template-owned characters, in order. */
    public List<Segment> segments() {
        List<Segment> segments = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            boolean request = fromRequest.get(at);
            int end = request ? fromRequest.nextClearBit(at) : fromRequest.nextSetBit(at);
            end = end < 0 || end > text.length() ? text.length() : end;
            segments.add(new Segment(at, end, request));
            at = end;
        }
        return segments;
    }

    /** The text of the request-owned runs, in order (for checks and logs). */
    public List<String> requestTexts() {
        return segments().stream().filter(Segment::fromRequest).map(s -> text.substring(s.start(), s.end())).toList();
    }
}
