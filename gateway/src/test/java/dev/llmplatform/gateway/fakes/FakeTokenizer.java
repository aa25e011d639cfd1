package dev.llmplatform.gateway.fakes;

import dev.llmplatform.proto.tokenizer.v1.CountRequest;
import dev.llmplatform.proto.tokenizer.v1.CountResponse;
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
import dev.llmplatform.proto.tokenizer.v1.TokenizerSource;
import dev.llmplatform.proto.tokenizer.v1.TokenizerServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;

/** A tokenizer service that knows one tokenizer, "words": one token per space-separated word, id = word length. */
public final class FakeTokenizer extends TokenizerServiceGrpc.TokenizerServiceImplBase {

    @Override
    public void encode(EncodeRequest request, StreamObserver<EncodeResponse> out) {
        if (!"words".equals(request.getTokenizer())) {
            out.onError(Status.NOT_FOUND.withDescription("Unknown tokenizer '" + request.getTokenizer() + "'")
                    .asRuntimeException());
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
    public void listTokenizers(ListTokenizersRequest request, StreamObserver<ListTokenizersResponse> out) {
        out.onNext(ListTokenizersResponse.newBuilder().addTokenizers(TokenizerInfo.newBuilder().setName("words")
                .setFamily(TokenizerFamily.TOKENIZER_FAMILY_WORDPIECE).setSource(TokenizerSource.TOKENIZER_SOURCE_HUGGING_FACE)
                .setVocabSize(30522).addSpecialTokens("[CLS]"))
                .build());
        out.onCompleted();
    }

    @Override
    public void estimateCost(EstimateCostRequest request, StreamObserver<EstimateCostResponse> out) {
        if (!"gpt-4o".equals(request.getModel())) {
            out.onError(Status.NOT_FOUND.withDescription("Unknown model '" + request.getModel() + "'").asRuntimeException());
            return;
        }
        int prompt = request.getMessagesCount() * 4 + 3;
        out.onNext(EstimateCostResponse.newBuilder().setModel("gpt-4o").setTokenizer("o200k_base")
                .setPromptTokens(prompt).setTemplateTokens(3).setContextLength(128000).setTokensLeft(128000 - prompt)
                .setFits(true).setInputCostUsd(0.25).setOutputCostUsd(0.5).setTemplateSource("none").build());
        out.onCompleted();
    }

    @Override
    public void languageEfficiency(LanguageEfficiencyRequest request, StreamObserver<LanguageEfficiencyResponse> out) {
        out.onNext(LanguageEfficiencyResponse.newBuilder().setBuiltinSample(request.getSpanish().isEmpty())
                .addRows(LanguageEfficiencyRow.newBuilder().setTokenizer("words").setSpanishTokens(12)
                        .setEnglishTokens(10).setRatio(1.2)).build());
        out.onCompleted();
    }

    @Override
    public void count(CountRequest request, StreamObserver<CountResponse> out) {
        String text = request.getText();
        out.onNext(CountResponse.newBuilder().setCount(text.split(" ", -1).length).setCharacters(text.length())
                .setBytes(text.getBytes(StandardCharsets.UTF_8).length).build());
        out.onCompleted();
    }
}
