package dev.llmplatform.gateway.tokenizer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.llmplatform.proto.tokenizer.v1.CompareResponse;
import dev.llmplatform.proto.tokenizer.v1.EncodeResponse;
import dev.llmplatform.proto.tokenizer.v1.EstimateCostResponse;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyResponse;
import dev.llmplatform.proto.tokenizer.v1.ListTokenizersResponse;
import dev.llmplatform.proto.tokenizer.v1.Offset;
import dev.llmplatform.proto.tokenizer.v1.TokenizerLimits;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * JSON answers of the tokenizer REST API (snake_case on the wire), built from the tokenizer service's messages by
 * {@link TokenizerCalls}.
 */
public final class TokenizerJson {

    private TokenizerJson() {
    }

    /**
     * Answer of {@code POST /v1/tokenize}. {@code offsets} are [start, end) in UTF-16 code units (JavaScript string
     * indices), {@code byte_offsets} the same in UTF-8 bytes; [-1, -1] for an added special token.
     */
    public record Tokenized(String tokenizer, List<Integer> ids, List<String> tokens, List<int[]> offsets,
            List<int[]> byteOffsets, int count, List<Boolean> specialMask) {

        static Tokenized of(EncodeResponse r) {
            List<Offset> offsets = r.getOffsetsList();
            return new Tokenized(r.getTokenizer(), r.getIdsList(), r.getTokensList(),
                    offsets.stream().map(o -> new int[] {o.getCharStart(), o.getCharEnd()}).toList(),
                    offsets.stream().map(o -> new int[] {o.getByteStart(), o.getByteEnd()}).toList(),
                    r.getCount(), r.getSpecialMaskList());
        }
    }

    /** Answer of {@code POST /v1/detokenize}. */
    public record Detokenized(String tokenizer, String text) {
    }

    /** Answer of {@code POST /v1/tokenize/count}. */
    public record Counted(String tokenizer, int count, long characters, long bytes) {
    }

    /** Answer of {@code POST /v1/tokenize/count/batch}. */
    public record BatchCounted(String tokenizer, List<Integer> counts, long total) {
    }

    /** One entry of {@code GET /v1/tokenizers}. */
    public record Info(String name, String family, String source, int vocabSize, List<String> specialTokens,
            long maxLength, boolean addsBos, boolean addsEos) {
    }

    /**
     * The bounds the tokenizer service holds requests to (it is their one validator): most UTF-8 bytes of a text, of
     * an Encode's text, texts in a batch, tokenizers in a comparison, ids in a Decode.
     */
    public record Limits(long maxTextBytes, long maxEncodeBytes, int maxBatchTexts, int maxTokenizersPerRequest,
            int maxDecodeIds) {

        static Limits of(TokenizerLimits l) {
            return new Limits(l.getMaxTextBytes(), l.getMaxEncodeBytes(), l.getMaxBatchTexts(),
                    l.getMaxTokenizersPerRequest(), l.getMaxDecodeIds());
        }
    }

    /**
     * Answer of {@code GET /v1/tokenizers}: the tokenizers, the service's limits, and the models
     * {@code /v1/tokenizers/cost} answers for.
     */
    public record InfoList(List<Info> tokenizers, Limits limits, List<String> costModels) {

        static InfoList of(ListTokenizersResponse r) {
            return new InfoList(r.getTokenizersList().stream().map(t -> new Info(t.getName(),
                    enumName(t.getFamily().name(), "TOKENIZER_FAMILY_"), enumName(t.getSource().name(), "TOKENIZER_SOURCE_"),
                    t.getVocabSize(), t.getSpecialTokensList(), t.getMaxLength(), t.getAddsBos(), t.getAddsEos()))
                    .toList(), Limits.of(r.getLimits()), List.copyOf(r.getCostModelsList()));
        }
    }

    /** One tokenizer's statistics in a comparison. */
    public record Stats(String tokenizer, int count, double charsPerToken, double bytesPerToken,
            double tokensPerWord) {
    }

    /** Answer of {@code POST /v1/tokenizers/compare}. */
    public record Comparison(int words, List<Stats> results) {

        static Comparison of(CompareResponse r) {
            return new Comparison(r.getWords(), r.getResultsList().stream().map(s -> new Stats(s.getTokenizer(),
                    s.getCount(), s.getCharsPerToken(), s.getBytesPerToken(), s.getTokensPerWord())).toList());
        }
    }

    /** One row of the Spanish/English table. */
    public record EfficiencyRow(String tokenizer, int spanishTokens, int englishTokens, double ratio) {
    }

    /** Answer of {@code POST /v1/tokenizers/language-efficiency}. */
    public record Efficiency(boolean builtinSample, List<EfficiencyRow> rows) {

        static Efficiency of(LanguageEfficiencyResponse r) {
            return new Efficiency(r.getBuiltinSample(), r.getRowsList().stream().map(row -> new EfficiencyRow(
                    row.getTokenizer(), row.getSpanishTokens(), row.getEnglishTokens(), row.getRatio())).toList());
        }
    }

    /**
     * Answer of {@code POST /v1/tokenizers/cost}. Without configured prices ({@code prices_known: false}) the three
     * costs are null: unknown, never $0.
     */
    @Schema(name = "CostEstimate")
    public record Cost(String model, String tokenizer, int promptTokens, int templateTokens, int contextLength,
            int tokensLeft, boolean fits, boolean pricesKnown,
            @JsonInclude(JsonInclude.Include.ALWAYS) Double inputCostUsd,
            @JsonInclude(JsonInclude.Include.ALWAYS) Double outputCostUsd,
            @JsonInclude(JsonInclude.Include.ALWAYS) Double totalCostUsd, String templateSource) {

        static Cost of(EstimateCostResponse r) {
            boolean known = r.getPricesKnown();
            return new Cost(r.getModel(), r.getTokenizer(), r.getPromptTokens(), r.getTemplateTokens(),
                    r.getContextLength(), r.getTokensLeft(), r.getFits(), known,
                    known ? r.getInputCostUsd() : null, known ? r.getOutputCostUsd() : null,
                    known ? r.getInputCostUsd() + r.getOutputCostUsd() : null, r.getTemplateSource());
        }
    }

    private static String enumName(String name, String prefix) {
        return (name.startsWith(prefix) ? name.substring(prefix.length()) : name).toLowerCase(Locale.ROOT);
    }
}
