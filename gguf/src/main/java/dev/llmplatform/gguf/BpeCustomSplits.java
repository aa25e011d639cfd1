package dev.llmplatform.gguf;

/**
 * The hand-written matchers llama.cpp uses for the GPT-2 and Llama 3 split expressions (unicode.cpp,
 * unicode_regex_split_custom_gpt2 / _llama3), ported to Java. They read code point flags and treat every position
 * outside the current piece as having no flags at all.
 */
final class BpeCustomSplits {

    private BpeCustomSplits() {
    }

    /** One piece being split: the code points, its bounds and the output lengths. */
    private static final class Cursor {
        final int[] cps;
        final int begin;
        final int end;
        final IntList out;
        int previousEnd;

        Cursor(int[] cps, int begin, int end, IntList out) {
            this.cps = cps;
            this.begin = begin;
            this.end = end;
            this.out = out;
            this.previousEnd = begin;
        }

        /** The code point at a position, or -1 outside the piece. */
        int cpt(int pos) {
            return pos >= begin && pos < end ? cps[pos] : -1;
        }

        /** The flags at a position, or 0 outside the piece. */
        int flags(int pos) {
            return pos >= begin && pos < end ? UnicodeFlags.of(cps[pos]) : 0;
        }

        /** Ends a token at {@code at}; returns its length. */
        int token(int at) {
            int length = at - previousEnd;
            if (length > 0) {
                out.add(length);
            }
            previousEnd = at;
            return length;
        }
    }

    private static final int LETTER = UnicodeFlags.LETTER;
    private static final int NUMBER = UnicodeFlags.NUMBER;
    private static final int SPACE = UnicodeFlags.WHITESPACE;

    /** GPT-2: {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}. */
    static IntList gpt2(int[] cps, IntList pieces) {
        IntList out = new IntList();
        int start = 0;
        for (int p = 0; p < pieces.size(); p++) {
            Cursor c = new Cursor(cps, start, start + pieces.get(p), out);
            start = c.end;
            int pos = c.begin;
            while (pos < c.end) {
                int cpt = c.cpt(pos);
                int flags = c.flags(pos);
                int contraction = contraction(c, pos, false);
                if (contraction > 0) {
                    pos += c.token(pos + contraction);
                    continue;
                }
                int flags2 = cpt == ' ' ? c.flags(pos + 1) : flags;
                if ((flags2 & LETTER) != 0 || (flags2 & NUMBER) != 0) {
                    int kind = (flags2 & LETTER) != 0 ? LETTER : NUMBER;
                    pos += cpt == ' ' ? 1 : 0;
                    while ((flags2 & kind) != 0) {
                        flags2 = c.flags(++pos);
                    }
                    c.token(pos);
                    continue;
                }
                if (isOther(flags2)) {
                    pos += cpt == ' ' ? 1 : 0;
                    while (isOther(flags2)) {
                        flags2 = c.flags(++pos);
                    }
                    c.token(pos);
                    continue;
                }
                int spaces = 0;
                while ((c.flags(pos + spaces) & SPACE) != 0) {
                    spaces++;
                }
                if (spaces > 1 && c.cpt(pos + spaces) != -1) {
                    pos += spaces - 1;
                    c.token(pos);
                    continue;
                }
                if (spaces > 0) {
                    pos += spaces;
                    c.token(pos);
                    continue;
                }
                c.token(++pos);
            }
        }
        return out;
    }

    /** Llama 3: {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+}. */
    static IntList llama3(int[] cps, IntList pieces) {
        IntList out = new IntList();
        int start = 0;
        for (int p = 0; p < pieces.size(); p++) {
            Cursor c = new Cursor(cps, start, start + pieces.get(p), out);
            start = c.end;
            int pos = c.begin;
            while (pos < c.end) {
                int cpt = c.cpt(pos);
                int flags = c.flags(pos);
                int contraction = contraction(c, pos, true);
                if (contraction > 0) {
                    pos += c.token(pos + contraction);
                    continue;
                }
                if (!(cpt == '\r' || cpt == '\n' || (flags & NUMBER) != 0)
                        && ((flags & LETTER) != 0 || (c.flags(pos + 1) & LETTER) != 0)) {
                    pos++;
                    while ((c.flags(pos) & LETTER) != 0) {
                        pos++;
                    }
                    c.token(pos);
                    continue;
                }
                if ((flags & NUMBER) != 0) {
                    int first = pos;
                    while ((c.flags(pos) & NUMBER) != 0) {
                        if (++pos - first >= 3) {
                            c.token(pos);
                            first = pos;
                        }
                    }
                    c.token(pos);
                    continue;
                }
                int flags2 = cpt == ' ' ? c.flags(pos + 1) : flags;
                if (isOther(flags2) && flags != 0) {
                    pos += cpt == ' ' ? 1 : 0;
                    while (isOther(flags2)) {
                        flags2 = c.flags(++pos);
                    }
                    int cpt2 = c.cpt(pos);
                    while (cpt2 == '\r' || cpt2 == '\n') {
                        cpt2 = c.cpt(++pos);
                    }
                    c.token(pos);
                    continue;
                }
                int spaces = 0;
                int lastNewlineEnd = 0;
                while ((c.flags(pos + spaces) & SPACE) != 0) {
                    int cpt2 = c.cpt(pos + spaces);
                    if (cpt2 == '\r' || cpt2 == '\n') {
                        lastNewlineEnd = pos + spaces + 1;
                    }
                    spaces++;
                }
                if (lastNewlineEnd > 0) {
                    pos = lastNewlineEnd;
                    c.token(pos);
                    continue;
                }
                if (spaces > 1 && c.cpt(pos + spaces) != -1) {
                    pos += spaces - 1;
                    c.token(pos);
                    continue;
                }
                if (spaces > 0) {
                    pos += spaces;
                    c.token(pos);
                    continue;
                }
                c.token(++pos);
            }
        }
        return out;
    }

    /** {@code [^\s\p{L}\p{N}]} for a position inside the piece. */
    private static boolean isOther(int flags) {
        return (flags & (SPACE | LETTER | NUMBER)) == 0 && flags != 0;
    }

    /** The length (2 or 3) of a contraction ('s 't 're 've 'm 'll 'd) at {@code pos}, or 0. */
    private static int contraction(Cursor c, int pos, boolean ignoreCase) {
        if (c.cpt(pos) != '\'' || pos + 1 >= c.end) {
            return 0;
        }
        int next = lower(c.cpt(pos + 1), ignoreCase);
        if (next == 's' || next == 't' || next == 'm' || next == 'd') {
            return 2;
        }
        if (pos + 2 < c.end) {
            int nextNext = lower(c.cpt(pos + 2), ignoreCase);
            if ((next == 'r' && nextNext == 'e') || (next == 'v' && nextNext == 'e') || (next == 'l' && nextNext == 'l')) {
                return 3;
            }
        }
        return 0;
    }

    private static int lower(int cp, boolean ignoreCase) {
        return ignoreCase && cp >= 0 ? Character.toLowerCase(cp) : cp;
    }
}
