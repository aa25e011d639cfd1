package dev.llmplatform.gguf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds a {@link GgufVocabulary} from GGUF metadata, following llama.cpp's llama_vocab::load. */
final class GgufVocabularyReader {

    private GgufVocabularyReader() {
    }

    static GgufVocabulary read(GgufFile file) throws GgufFormatException {
        String model = string(file, "tokenizer.ggml.model")
                .orElseThrow(() -> new GgufFormatException("GGUF file has no tokenizer (tokenizer.ggml.model)"));
        String pre = string(file, "tokenizer.ggml.pre").filter(p -> !p.isEmpty()).orElse("default");
        List<String> tokens = tokens(file);
        int n = tokens.size();
        float[] scores = file.getArray("tokenizer.ggml.scores").isPresent()
                ? floats(file, "tokenizer.ggml.scores", n) : new float[n];
        int[] types = file.getArray("tokenizer.ggml.token_type").isPresent()
                ? ints(file, "tokenizer.ggml.token_type", n) : filled(n, 1);
        List<String> merges = List.of();
        // Defaults per model, as llama.cpp sets them before reading the file's keys.
        int bos;
        int eos;
        int unk;
        int sep = -1;
        int pad = -1;
        int mask = -1;
        boolean addBos;
        boolean addEos = false;
        boolean addSpacePrefix = false;
        switch (model) {
            case "llama" -> {
                bos = 1;
                eos = 2;
                unk = 0;
                addBos = true;
                addSpacePrefix = true;
            }
            case "bert" -> {
                bos = 101;
                eos = -1;
                unk = 100;
                sep = 102;
                pad = 0;
                mask = 103;
                addBos = true;
            }
            case "gpt2" -> {
                String preName = pre;
                BpePreTokenizer preTokenizer = BpePreTokenizer.byName(pre).orElseThrow(() -> new GgufFormatException(
                        "GGUF pre-tokenizer '" + preName + "' (tokenizer.ggml.pre) is not supported"));
                merges = file.getArray("tokenizer.ggml.merges").isPresent()
                        ? strings(file, "tokenizer.ggml.merges") : null;
                if (merges == null) {
                    throw new GgufFormatException("GGUF gpt2 tokenizer has no merges (tokenizer.ggml.merges)");
                }
                bos = preTokenizer.clearsBos() ? -1 : 11;
                eos = 11;
                unk = -1;
                addBos = preTokenizer.addsBosByDefault();
            }
            default -> throw new GgufFormatException("GGUF tokenizer model '" + model
                    + "' is not supported (supported: llama, gpt2, bert)");
        }
        addSpacePrefix = bool(file, "tokenizer.ggml.add_space_prefix").orElse(addSpacePrefix);
        bos = id(file, "tokenizer.ggml.bos_token_id", bos, n);
        eos = id(file, "tokenizer.ggml.eos_token_id", eos, n);
        unk = id(file, "tokenizer.ggml.unknown_token_id", unk, n);
        sep = id(file, "tokenizer.ggml.seperator_token_id", sep, n);
        pad = id(file, "tokenizer.ggml.padding_token_id", pad, n);
        mask = id(file, "tokenizer.ggml.mask_token_id", mask, n);
        addBos = bool(file, "tokenizer.ggml.add_bos_token").orElse(addBos);
        addEos = bool(file, "tokenizer.ggml.add_eos_token").orElse(addEos);
        String name = string(file, "general.name").orElse("").toLowerCase(Locale.ROOT);
        return new GgufVocabulary(model, pre, tokens, scores, types, merges,
                new GgufVocabulary.SpecialIds(bos, eos, unk, sep, pad, mask), addBos, addEos, addSpacePrefix, name);
    }

    private static List<String> tokens(GgufFile file) throws GgufFormatException {
        List<String> raw = strings(file, "tokenizer.ggml.tokens");
        if (raw == null || raw.isEmpty()) {
            throw new GgufFormatException("GGUF file has no tokens (tokenizer.ggml.tokens)");
        }
        List<String> tokens = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            tokens.add(raw.get(i).isEmpty() ? "[EMPTY_" + i + "]" : raw.get(i));
        }
        return tokens;
    }

    private static GgufArray array(GgufFile file, String key, GgufValueType... accepted) throws GgufFormatException {
        GgufValue value = file.get(key).orElse(null);
        if (value == null) {
            return null;
        }
        if (value.type() != GgufValueType.ARRAY) {
            throw new GgufFormatException("GGUF " + key + " is " + value.type() + ", expected an array");
        }
        GgufArray array = value.asArray();
        for (GgufValueType type : accepted) {
            if (array.elementType() == type || (type == GgufValueType.INT32 && array.elementType().isInteger())) {
                return array;
            }
        }
        throw new GgufFormatException("GGUF " + key + " holds " + array.elementType() + " elements, expected "
                + accepted[0]);
    }

    private static List<String> strings(GgufFile file, String key) throws GgufFormatException {
        GgufArray array = array(file, key, GgufValueType.STRING);
        return array == null ? null : array.strings();
    }

    private static float[] floats(GgufFile file, String key, int n) throws GgufFormatException {
        GgufArray array = array(file, key, GgufValueType.FLOAT32, GgufValueType.FLOAT64);
        checkLength(key, array.size(), n);
        return array.floats();
    }

    private static int[] ints(GgufFile file, String key, int n) throws GgufFormatException {
        GgufArray array = array(file, key, GgufValueType.INT32);
        checkLength(key, array.size(), n);
        long[] values = array.longs();
        int[] result = new int[n];
        for (int i = 0; i < n; i++) {
            result[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, values[i]));
        }
        return result;
    }

    private static void checkLength(String key, int length, int tokens) throws GgufFormatException {
        if (length != tokens) {
            throw new GgufFormatException("GGUF " + key + " has " + length + " entries for " + tokens + " tokens");
        }
    }

    private static int[] filled(int n, int value) {
        int[] result = new int[n];
        java.util.Arrays.fill(result, value);
        return result;
    }

    private static Optional<String> string(GgufFile file, String key) throws GgufFormatException {
        GgufValue value = file.get(key).orElse(null);
        if (value == null) {
            return Optional.empty();
        }
        if (value.type() != GgufValueType.STRING) {
            throw new GgufFormatException("GGUF " + key + " is " + value.type() + ", expected a string");
        }
        return Optional.of(value.asString());
    }

    private static Optional<Boolean> bool(GgufFile file, String key) {
        GgufValue value = file.get(key).orElse(null);
        return value != null && value.type() == GgufValueType.BOOL ? Optional.of(value.asBoolean()) : Optional.empty();
    }

    /** The id from the file when it is an integer inside the vocabulary; else the default, or -1 if that is outside. */
    private static int id(GgufFile file, String key, int fallback, int n) {
        GgufValue value = file.get(key).orElse(null);
        OptionalLong id = value != null && value.type().isInteger() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
        if (id.isPresent() && id.getAsLong() >= 0 && id.getAsLong() < n) {
            return (int) id.getAsLong();
        }
        return fallback >= 0 && fallback < n ? fallback : -1;
    }
}
