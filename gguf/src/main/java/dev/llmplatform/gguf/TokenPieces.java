package dev.llmplatform.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bytes each token stands for, and llama.cpp's detokenizer over them (llama_vocab::impl::token_to_piece and
 * detokenize): SentencePiece and WordPiece pieces turn U+2581 back into spaces and byte tokens into their byte,
 * byte-level BPE pieces map GPT-2's characters back to bytes; control and unknown tokens render as their text only when
 * asked to. Immutable.
 */
final class TokenPieces {

    private final byte[][] pieces;
    private final int[] attrs;
    private final boolean removeLeadingSpace;
    private final boolean cleanSpaces;

    TokenPieces(List<String> tokens, int[] attrs, String model, boolean addSpacePrefix, boolean cleanSpaces) {
        this.attrs = attrs;
        this.removeLeadingSpace = addSpacePrefix;
        this.cleanSpaces = cleanSpaces;
        this.pieces = new byte[tokens.size()][];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = piece(tokens.get(i), attrs[i], "gpt2".equals(model));
        }
    }

    private static byte[] piece(String text, int attr, boolean byteLevel) {
        if ((attr & (TokenAttributes.UNKNOWN | TokenAttributes.CONTROL | TokenAttributes.USER_DEFINED)) != 0) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if ((attr & TokenAttributes.NORMAL) != 0) {
            return byteLevel ? decodeByteLevel(text) : text.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
        }
        if ((attr & TokenAttributes.BYTE) != 0 && !byteLevel && text.length() == 6 && text.startsWith("<0x")) {
            try {
                return new byte[] {(byte) Integer.parseInt(text.substring(3, 5), 16)};
            } catch (NumberFormatException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }

    /** GPT-2 characters back to bytes; a character that stands for no byte is spelled out as llama.cpp does. */
    private static byte[] decodeByteLevel(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        text.codePoints().forEach(cp -> {
            int b = ByteUnicode.decode(cp);
            if (b >= 0) {
                out.write(b);
            } else {
                StringBuilder unknown = new StringBuilder("[UNK_BYTE_0x");
                for (byte u : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    unknown.append(String.format("%02x", u & 0xFF));
                }
                out.writeBytes(unknown.append(text).append(']').toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        return out.toByteArray();
    }

    /** The bytes of one token (special tokens rendered as their text). */
    byte[] bytes(int id) {
        return pieces[id].clone();
    }

    /** The bytes of a token sequence; special (control, unknown) tokens are left out unless {@code renderSpecial}. */
    byte[] detokenize(int[] ids, boolean renderSpecial) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        boolean removeSpace = removeLeadingSpace;
        for (int id : ids) {
            boolean hidden = !renderSpecial && (attrs[id] & (TokenAttributes.UNKNOWN | TokenAttributes.CONTROL)) != 0;
            if (!hidden) {
                byte[] piece = pieces[id];
                int skip = removeSpace && piece.length > 0 && piece[0] == ' ' ? 1 : 0;
                out.write(piece, skip, piece.length - skip);
            }
            removeSpace = false;
        }
        byte[] text = out.toByteArray();
        return cleanSpaces ? clean(text) : text;
    }

    /** llama.cpp's clean_spaces passes: " ?" " !" " ." " ," lose the space, " ' " loses both, " 's" " 'm" " 're" " 've" too. */
    private static byte[] clean(byte[] text) {
        int total = text.length == 0 ? 0 : 1;
        for (int i = 1; i < text.length; i++) {
            byte x = text[i];
            if (text[i - 1] == ' ' && (x == '?' || x == '!' || x == '.' || x == ',')) {
                total--;
            }
            text[total++] = x;
        }
        int total2 = total;
        total = total2 == 0 ? 0 : 1;
        for (int i = 1; i < total2; i++) {
            byte x = text[i];
            if (x == '\'' && i + 1 < total2 && text[i - 1] == ' ' && text[i + 1] == ' ') {
                total--;
                text[++i] = 0;
            }
            text[total++] = x;
        }
        int total3 = total;
        total = total3 == 0 ? 0 : 1;
        for (int i = 1; i < total3; i++) {
            byte x = text[i];
            if (text[i - 1] == ' ' && x == '\'' && i + 1 < total3) {
                byte x1 = text[i + 1];
                if (x1 == 's' || x1 == 'm') {
                    total--;
                } else if (i + 2 < total3 && ((x1 == 'r' && text[i + 2] == 'e') || (x1 == 'v' && text[i + 2] == 'e'))) {
                    total--;
                }
            }
            text[total++] = x;
        }
        return java.util.Arrays.copyOf(text, total);
    }
}
