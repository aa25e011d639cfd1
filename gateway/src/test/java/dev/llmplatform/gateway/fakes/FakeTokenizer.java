package dev.llmplatform.gateway.fakes;

import dev.llmplatform.proto.tokenizer.v1.CompareRequest;
import dev.llmplatform.proto.tokenizer.v1.CompareResponse;
import dev.llmplatform.proto.tokenizer.v1.CountBatchRequest;
import dev.llmplatform.proto.tokenizer.v1.CountBatchResponse;
import dev.llmplatform.proto.tokenizer.v1.CountRequest;
import dev.llmplatform.proto.tokenizer.v1.CountResponse;
import dev.llmplatform.proto.tokenizer.v1.DecodeRequest;
import dev.llmplatform.proto.tokenizer.v1.DecodeResponse;
import dev.llmplatform.proto.tokenizer.v1.EncodeRequest;
import dev.llmplatform.proto.tokenizer.v1.EncodeResponse;
import dev.llmplatform.proto.tokenizer.v1.EstimateCostRequest;
import dev.llmplatform.proto.tokenizer.v1.EstimateCostResponse;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyRequest;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyResponse;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyRow;
import dev.llmplatform.proto.tokenizer.v1.ListTokenizersRequest;
import dev.llmplatform.proto.tokenizer.v1.ListTokenizersResponse;
import dev.llmplatform.proto.tokenizer.v1.Offset;
import dev.llmplatform.proto.tokenizer.v1.TokenizerFamily;
import dev.llmplatform.proto.tokenizer.v1.TokenizerInfo;
import dev.llmplatform.proto.tokenizer.v1.TokenizerLimits;
import dev.llmplatform.proto.tokenizer.v1.TokenizerServiceGrpc;
import dev.llmplatform.proto.tokenizer.v1.TokenizerSource;
import dev.llmplatform.proto.tokenizer.v1.TokenizerStats;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;

/**
 * A tokenizer service that knows one tokenizer, "words": one token per space-separated word, id = word length. Like
 * the real service it validates what the gateway forwards (tokenizers per comparison, a cost's messages) and
 * publishes those limits. It prices "gpt-4o"; the served {@link GrpcFakes#MODEL} has no prices and counts against
 * the context the gateway sends.
 */
public final class FakeTokenizer extends TokenizerServiceGrpc.TokenizerServiceImplBase {

    /** The limits it publishes. */
    public static final TokenizerLimits LIMITS = TokenizerLimits.newBuilder().setMaxTextBytes(1 << 20)
            .setMaxEncodeBytes(1 << 18).setMaxBatchTexts(256).setMaxTokenizersPerRequest(16).setMaxDecodeIds(65536)
            .build();

    @Override
    public void encode(EncodeRequest request, StreamObserver<EncodeResponse> out) {
        if (unknown(request.getTokenizer(), out)) {
            return;
        }
        String text = request.getText();
        EncodeResponse.Builder response = EncodeResponse.newBuilder().setTokenizer("words");
        int start = 0;
        for (String word : text.split(" ", -1)) {
            int end = start + word.length();
            int byteStart = text.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
            int byteEnd = byteStart + word.getBytes(StandardCharsets.UTF_8).length;
            response.addIds(word.length()).addTokens(word).addSpecialMask(false).addOffsets(Offset.newBuilder()
                    .setCharStart(start).setCharEnd(end).setByteStart(byteStart).setByteEnd(byteEnd));
            start = end + 1;
        }
        out.onNext(response.setCount(response.getIdsCount()).build());
        out.onCompleted();
    }

    @Override
    public void decode(DecodeRequest request, StreamObserver<DecodeResponse> out) {
        if (unknown(request.getTokenizer(), out)) {
            return;
        }
        if (request.getIdsList().stream().anyMatch(id -> id < 0)) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("ids must not be negative").asRuntimeException());
            return;
        }
        out.onNext(DecodeResponse.newBuilder().setText("x".repeat(request.getIdsCount())).build());
        out.onCompleted();
    }

    @Override
    public void count(CountRequest request, StreamObserver<CountResponse> out) {
        String text = request.getText();
        out.onNext(CountResponse.newBuilder().setCount(text.split(" ", -1).length).setCharacters(text.length())
                .setBytes(text.getBytes(StandardCharsets.UTF_8).length).build());
        out.onCompleted();
    }

    @Override
    public void countBatch(CountBatchRequest request, StreamObserver<CountBatchResponse> out) {
        CountBatchResponse.Builder response = CountBatchResponse.newBuilder();
        request.getTextsList().forEach(t -> response.addCounts(t.split(" ", -1).length));
        out.onNext(response.setTotal(response.getCountsList().stream().mapToLong(Integer::longValue).sum()).build());
        out.onCompleted();
    }

    @Override
    public void listTokenizers(ListTokenizersRequest request, StreamObserver<ListTokenizersResponse> out) {
        out.onNext(ListTokenizersResponse.newBuilder().addTokenizers(TokenizerInfo.newBuilder().setName("words")
                .setFamily(TokenizerFamily.TOKENIZER_FAMILY_WORDPIECE).setSource(TokenizerSource.TOKENIZER_SOURCE_HUGGING_FACE)
                .setVocabSize(30522).addSpecialTokens("[CLS]")).setLimits(LIMITS)
                .build());
        out.onCompleted();
    }

    @Override
    public void compare(CompareRequest request, StreamObserver<CompareResponse> out) {
        if (request.getTokenizersCount() == 0 || request.getTokenizersCount() > LIMITS.getMaxTokenizersPerRequest()) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("tokenizers must name 1 to "
                    + LIMITS.getMaxTokenizersPerRequest() + " tokenizers, got " + request.getTokenizersCount())
                    .asRuntimeException());
            return;
        }
        CompareResponse.Builder response = CompareResponse.newBuilder().setWords(request.getText().split(" ").length);
        request.getTokenizersList().forEach(t -> response.addResults(TokenizerStats.newBuilder().setTokenizer(t)
                .setCount(request.getText().split(" ").length)));
        out.onNext(response.build());
        out.onCompleted();
    }

    @Override
    public void estimateCost(EstimateCostRequest request, StreamObserver<EstimateCostResponse> out) {
        if (request.getMessagesCount() == 0) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("messages must not be empty").asRuntimeException());
            return;
        }
        int prompt = request.getMessagesCount() * 4 + 3;
        if (GrpcFakes.MODEL.equals(request.getModel())) {
            int context = request.hasContextLength() ? request.getContextLength() : 2048;
            out.onNext(EstimateCostResponse.newBuilder().setModel(GrpcFakes.MODEL).setTokenizer("gguf:fake-model")
                    .setPromptTokens(prompt).setTemplateTokens(3).setContextLength(context)
                    .setTokensLeft(context - prompt).setFits(prompt + request.getMaxOutputTokens() <= context)
                    .setPricesKnown(false).setTemplateSource("gguf").build());
            out.onCompleted();
            return;
        }
        if (!"gpt-4o".equals(request.getModel())) {
            out.onError(Status.NOT_FOUND.withDescription("Unknown model '" + request.getModel() + "'").asRuntimeException());
            return;
        }
        out.onNext(EstimateCostResponse.newBuilder().setModel("gpt-4o").setTokenizer("o200k_base")
                .setPromptTokens(prompt).setTemplateTokens(3).setContextLength(128000).setTokensLeft(128000 - prompt)
                .setFits(true).setInputCostUsd(0.25).setOutputCostUsd(0.5).setTemplateSource("none")
                .setPricesKnown(true).build());
        out.onCompleted();
    }

    @Override
    public void languageEfficiency(LanguageEfficiencyRequest request, StreamObserver<LanguageEfficiencyResponse> out) {
        out.onNext(LanguageEfficiencyResponse.newBuilder().setBuiltinSample(request.getSpanish().isEmpty())
                .addRows(LanguageEfficiencyRow.newBuilder().setTokenizer("words").setSpanishTokens(12)
                        .setEnglishTokens(10).setRatio(1.2)).build());
        out.onCompleted();
    }

    private static boolean unknown(String tokenizer, StreamObserver<?> out) {
        if ("words".equals(tokenizer)) {
            return false;
        }
        out.onError(Status.NOT_FOUND.withDescription("Unknown tokenizer '" + tokenizer + "'").asRuntimeException());
        return true;
    }
}
