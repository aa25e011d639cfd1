package dev.llmplatform.gguf;

import java.util.List;
import java.util.Set;

/**
 * Per-token attributes as llama.cpp derives them (llama_token_attr): from the token types, then the control-looking
 * texts it forces to CONTROL, then the Phi-3 strip flags it keys on the model name.
 */
final class TokenAttributes {

    static final int UNKNOWN = 1;
    static final int UNUSED = 1 << 1;
    static final int NORMAL = 1 << 2;
    static final int CONTROL = 1 << 3;
    static final int USER_DEFINED = 1 << 4;
    static final int BYTE = 1 << 5;
    static final int LSTRIP = 1 << 7;
    static final int RSTRIP = 1 << 8;

    /**
     * End-of-turn, end-of-message and fill-in-the-middle texts that llama.cpp turns into CONTROL tokens. llama.cpp
     * does so for all end-of-generation texts but, for the FIM ones, only for the first match of each kind when the
     * file sets no id for it; this port treats every listed text alike.
     */
    private static final Set<String> FORCED_CONTROL = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
            "<|endoftext|>", "<|eom_id|>", "<EOT>", "<\uFF5Cend\u2581of\u2581sentence\uFF5C>",
            "<|fim_prefix|>", "<fim-prefix>", "<\uFF5Cfim\u2581begin\uFF5C>", "<PRE>",
            "<|fim_suffix|>", "<fim-suffix>", "<\uFF5Cfim\u2581hole\uFF5C>", "<SUF>",
            "<|fim_middle|>", "<fim-middle>", "<\uFF5Cfim\u2581end\uFF5C>", "<MID>",
            "<|fim_pad|>", "<fim-pad>", "<PAD>", "<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<|file_sep|>");

    private TokenAttributes() {
    }

    /** The attributes of every token of a vocabulary. */
    static int[] of(GgufVocabulary vocabulary) {
        List<String> tokens = vocabulary.tokens();
        int[] types = vocabulary.tokenTypes();
        int[] attrs = new int[tokens.size()];
        for (int i = 0; i < attrs.length; i++) {
            attrs[i] = fromType(types[i]);
            if (FORCED_CONTROL.contains(tokens.get(i))) {
                attrs[i] = CONTROL;
            }
        }
        String name = vocabulary.name();
        if (name.contains("phi-3") || name.contains("phi3")) {
            for (int i = 0; i < attrs.length; i++) {
                if (isSpecial(attrs[i])) {
                    attrs[i] |= RSTRIP;
                }
            }
            setFlag(tokens, attrs, "</s>", RSTRIP, true);
            for (String text : List.of("<unk>", "<s>", "<|endoftext|>")) {
                setFlag(tokens, attrs, text, RSTRIP, false);
            }
        }
        return attrs;
    }

    /** Whether llama.cpp matches the token in text before segmenting (control, user-defined or unknown). */
    static boolean isSpecial(int attr) {
        return (attr & (CONTROL | USER_DEFINED | UNKNOWN)) != 0;
    }

    private static void setFlag(List<String> tokens, int[] attrs, String text, int flag, boolean value) {
        int id = tokens.lastIndexOf(text);
        if (id >= 0) {
            attrs[id] = value ? attrs[id] | flag : attrs[id] & ~flag;
        }
    }

    private static int fromType(int type) {
        switch (type) {
            case 1:
                return NORMAL;
            case 2:
                return UNKNOWN;
            case 3:
                return CONTROL;
            case 4:
                return USER_DEFINED;
            case 5:
                return UNUSED;
            case 6:
                return BYTE;
            default:
                return 0;
        }
    }
}
