package dev.llmplatform.chattemplate;

import java.util.BitSet;

/** A render buffer that refuses to grow past the output limit; in a tracked render it also marks request text. */
final class Output {

    private final Interpreter rt;
    private final StringBuilder text = new StringBuilder();
    /** The request-owned characters written so far; null in plain renders. */
    private final BitSet fromRequest;

    Output(Interpreter rt, boolean tracked) {
        this.rt = rt;
        this.fromRequest = tracked ? new BitSet() : null;
    }

    /** Appends text; in a tracked render the template's own. */
    void append(String s) {
        rt.checkSize((long) text.length() + s.length());
        rt.chargeChars(s.length());
        text.append(s);
    }

    /** Appends text with its request-owned characters (null: all of them); only in tracked renders. */
    void append(String s, BitSet mask) {
        int at = text.length();
        append(s);
        Provenance.orInto(fromRequest, mask, at, s.length());
    }

    /** The request-owned characters; null in plain renders. */
    BitSet fromRequest() {
        return fromRequest;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
