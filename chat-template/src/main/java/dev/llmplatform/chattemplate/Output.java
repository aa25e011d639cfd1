package dev.llmplatform.chattemplate;

/** A render buffer that refuses to grow past the output limit. */
final class Output {

    private final Interpreter rt;
    private final StringBuilder text = new StringBuilder();

    Output(Interpreter rt) {
        this.rt = rt;
    }

    void append(String s) {
        rt.checkSize((long) text.length() + s.length());
        rt.chargeChars(s.length());
        text.append(s);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
