package dev.llmplatform.tokenizer.tiktoken;

/**
 * GPT-2's reversible mapping from bytes to printable characters ("bytes_to_unicode"), used to spell tiktoken tokens
 * (raw bytes) the way byte-level BPE vocabularies spell them, for example "Ġworld" for " world".
 */
public final class ByteLevelAlphabet {

    private static final char[] CHAR_OF_BYTE = build();

    private ByteLevelAlphabet() {
    }

    /** Spells raw token bytes with the byte-level alphabet. */
    public static String spell(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = CHAR_OF_BYTE[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    private static char[] build() {
        char[] map = new char[256];
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char) b : (char) (256 + next++);
        }
        return map;
    }
}
