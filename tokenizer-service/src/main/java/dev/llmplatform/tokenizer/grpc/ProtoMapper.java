package dev.llmplatform.tokenizer.grpc;

import dev.llmplatform.proto.tokenizer.v1.CompareResponse;
import dev.llmplatform.proto.tokenizer.v1.EncodeResponse;
import dev.llmplatform.proto.tokenizer.v1.EstimateCostResponse;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyResponse;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyRow;
import dev.llmplatform.proto.tokenizer.v1.Offset;
import dev.llmplatform.proto.tokenizer.v1.TokenizerFamily;
import dev.llmplatform.proto.tokenizer.v1.TokenizerInfo;
import dev.llmplatform.proto.tokenizer.v1.TokenizerSource;
import dev.llmplatform.proto.tokenizer.v1.TokenizerStats;
import dev.llmplatform.tokenizer.engine.EncodedText;
import dev.llmplatform.tokenizer.engine.TokenizerDescriptor;
import dev.llmplatform.tokenizer.service.Comparison;
import dev.llmplatform.tokenizer.service.LanguageReport;
import dev.llmplatform.tokenizer.service.LanguageRow;
import dev.llmplatform.tokenizer.service.cost.CostEstimate;
import java.util.Arrays;

/** Domain results to protobuf messages. */
final class ProtoMapper {

    private ProtoMapper() {
    }

    static EncodeResponse encoded(String tokenizer, EncodedText encoded) {
        EncodeResponse.Builder out = EncodeResponse.newBuilder().setTokenizer(tokenizer).setCount(encoded.count());
        for (int i = 0; i < encoded.count(); i++) {
            out.addIds(encoded.ids()[i]);
            out.addTokens(encoded.tokens()[i] == null ? "" : encoded.tokens()[i]);
            out.addOffsets(Offset.newBuilder().setCharStart(encoded.charStarts()[i]).setCharEnd(encoded.charEnds()[i])
                    .setByteStart(encoded.byteStarts()[i]).setByteEnd(encoded.byteEnds()[i]));
            out.addSpecialMask(encoded.special()[i]);
        }
        return out.build();
    }

    static TokenizerInfo info(TokenizerDescriptor d) {
        return TokenizerInfo.newBuilder().setName(d.name()).setFamily(family(d)).setSource(source(d))
                .setVocabSize(d.vocabSize()).addAllSpecialTokens(d.specialTokens()).setMaxLength(d.maxLength())
                .setAddsBos(d.addsBos()).setAddsEos(d.addsEos()).build();
    }

    static CompareResponse comparison(Comparison comparison) {
        CompareResponse.Builder out = CompareResponse.newBuilder().setWords(comparison.words());
        for (var s : comparison.results()) {
            out.addResults(TokenizerStats.newBuilder().setTokenizer(s.tokenizer()).setCount(s.count())
                    .setCharsPerToken(s.charsPerToken()).setBytesPerToken(s.bytesPerToken())
                    .setTokensPerWord(s.tokensPerWord()));
        }
        return out.build();
    }

    static LanguageEfficiencyResponse language(LanguageReport report) {
        LanguageEfficiencyResponse.Builder out = LanguageEfficiencyResponse.newBuilder()
                .setBuiltinSample(report.builtinSample());
        for (LanguageRow row : report.rows()) {
            out.addRows(LanguageEfficiencyRow.newBuilder().setTokenizer(row.tokenizer())
                    .setSpanishTokens(row.spanishTokens()).setEnglishTokens(row.englishTokens()).setRatio(row.ratio()));
        }
        return out.build();
    }

    static EstimateCostResponse cost(CostEstimate e) {
        return EstimateCostResponse.newBuilder().setModel(e.model()).setTokenizer(e.tokenizer())
                .setPromptTokens(e.promptTokens()).setTemplateTokens(e.templateTokens())
                .setContextLength(e.contextLength()).setTokensLeft(e.tokensLeft()).setFits(e.fits())
                .setPricesKnown(e.pricesKnown()).setInputCostUsd(e.inputCostUsd())
                .setOutputCostUsd(e.outputCostUsd()).setTemplateSource(e.templateSource()).build();
    }

    static long sum(int[] counts) {
        return Arrays.stream(counts).asLongStream().sum();
    }

    private static TokenizerFamily family(TokenizerDescriptor d) {
        return switch (d.family()) {
            case BPE -> TokenizerFamily.TOKENIZER_FAMILY_BPE;
            case WORDPIECE -> TokenizerFamily.TOKENIZER_FAMILY_WORDPIECE;
            case UNIGRAM -> TokenizerFamily.TOKENIZER_FAMILY_UNIGRAM;
            case TIKTOKEN_BPE -> TokenizerFamily.TOKENIZER_FAMILY_TIKTOKEN_BPE;
            case UNSPECIFIED -> TokenizerFamily.TOKENIZER_FAMILY_UNSPECIFIED;
        };
    }

    private static TokenizerSource source(TokenizerDescriptor d) {
        return switch (d.origin()) {
            case HUGGING_FACE -> TokenizerSource.TOKENIZER_SOURCE_HUGGING_FACE;
            case TIKTOKEN -> TokenizerSource.TOKENIZER_SOURCE_TIKTOKEN;
            case GGUF -> TokenizerSource.TOKENIZER_SOURCE_GGUF;
        };
    }
}
