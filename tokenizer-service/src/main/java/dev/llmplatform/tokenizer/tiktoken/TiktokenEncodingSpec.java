package dev.llmplatform.tokenizer.tiktoken;

import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Map;

/**
 * The tiktoken encodings this service serves, with their special tokens and vocabulary sizes as defined in
 * OpenAI's tiktoken ({@code tiktoken_ext/openai_public.py}); jtokkit holds the same ranks but does not expose
 * these tables. The conformance tests check each special id by decoding it through jtokkit.
 *
 * @param type the jtokkit encoding
 * @param vocabSize number of ids, special tokens included
 * @param specialTokens special token strings by id
 */
public record TiktokenEncodingSpec(EncodingType type, int vocabSize, Map<String, Integer> specialTokens) {

    /** The served encodings, in name order. */
    public static final List<TiktokenEncodingSpec> ALL = List.of(
            new TiktokenEncodingSpec(EncodingType.CL100K_BASE, 100277, Map.of("<|endoftext|>", 100257,
                    "<|fim_prefix|>", 100258, "<|fim_middle|>", 100259, "<|fim_suffix|>", 100260,
                    "<|endofprompt|>", 100276)),
            new TiktokenEncodingSpec(EncodingType.O200K_BASE, 200019,
                    Map.of("<|endoftext|>", 199999, "<|endofprompt|>", 200018)),
            new TiktokenEncodingSpec(EncodingType.P50K_BASE, 50281, Map.of("<|endoftext|>", 50256)),
            new TiktokenEncodingSpec(EncodingType.R50K_BASE, 50257, Map.of("<|endoftext|>", 50256)));

    /** The encoding's name, for example {@code cl100k_base}. */
    public String name() {
        return type.getName();
    }
}
