package dev.llmplatform.tokenizer.grpc;

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
import dev.llmplatform.proto.tokenizer.v1.ListTokenizersRequest;
import dev.llmplatform.proto.tokenizer.v1.ListTokenizersResponse;
import dev.llmplatform.proto.tokenizer.v1.TokenizerService;
import dev.llmplatform.tokenizer.engine.EncodedText;
import dev.llmplatform.tokenizer.engine.TextIndex;
import dev.llmplatform.tokenizer.service.ComparisonService;
import dev.llmplatform.tokenizer.service.CountCommand;
import dev.llmplatform.tokenizer.service.EncodeCommand;
import dev.llmplatform.tokenizer.service.TokenizationService;
import dev.llmplatform.tokenizer.service.cost.CostEstimator;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;

/**
 * The gRPC TokenizerService. Every method runs on a worker thread ({@link Blocking}): tokenizers load and run
 * native code. Validation happens in {@link RequestValidator}; failures become statuses in one place
 * ({@code GrpcErrorMapper}).
 */
@GrpcService
@Blocking
public class TokenizerGrpcService implements TokenizerService {

    private final RequestValidator validator;
    private final TokenizationService tokenization;
    private final ComparisonService comparison;
    private final CostEstimator costs;
    private final TokenMetrics metrics;

    TokenizerGrpcService(RequestValidator validator, TokenizationService tokenization, ComparisonService comparison,
            CostEstimator costs, TokenMetrics metrics) {
        this.validator = validator;
        this.tokenization = tokenization;
        this.comparison = comparison;
        this.costs = costs;
        this.metrics = metrics;
    }

    @Override
    public Uni<EncodeResponse> encode(EncodeRequest request) {
        return run(() -> {
            EncodeCommand command = validator.encode(request);
            EncodedText encoded = tokenization.encode(command);
            metrics.record("encode", command.tokenizer(), encoded.count());
            return ProtoMapper.encoded(command.tokenizer(), encoded);
        });
    }

    @Override
    public Uni<DecodeResponse> decode(DecodeRequest request) {
        return run(() -> DecodeResponse.newBuilder().setText(tokenization.decode(validator.decode(request))).build());
    }

    @Override
    public Uni<CountResponse> count(CountRequest request) {
        return run(() -> {
            CountCommand command = validator.count(request);
            String text = command.texts().get(0);
            int count = tokenization.count(command)[0];
            metrics.record("count", command.tokenizer(), count);
            return CountResponse.newBuilder().setCount(count).setCharacters(text.length())
                    .setBytes(TextIndex.utf8Length(text)).build();
        });
    }

    @Override
    public Uni<CountBatchResponse> countBatch(CountBatchRequest request) {
        return run(() -> {
            CountCommand command = validator.countBatch(request);
            int[] counts = command.texts().isEmpty() ? new int[0] : tokenization.count(command);
            long total = ProtoMapper.sum(counts);
            metrics.record("count_batch", command.tokenizer(), total);
            CountBatchResponse.Builder out = CountBatchResponse.newBuilder().setTotal(total);
            for (int c : counts) {
                out.addCounts(c);
            }
            return out.build();
        });
    }

    @Override
    public Uni<ListTokenizersResponse> listTokenizers(ListTokenizersRequest request) {
        return run(() -> {
            ListTokenizersResponse.Builder out = ListTokenizersResponse.newBuilder();
            tokenization.list().forEach(d -> out.addTokenizers(ProtoMapper.info(d)));
            return out.build();
        });
    }

    @Override
    public Uni<CompareResponse> compare(CompareRequest request) {
        return run(() -> ProtoMapper.comparison(comparison.compare(validator.compare(request))));
    }

    @Override
    public Uni<LanguageEfficiencyResponse> languageEfficiency(LanguageEfficiencyRequest request) {
        return run(() -> ProtoMapper.language(comparison.languageEfficiency(validator.languageEfficiency(request))));
    }

    @Override
    public Uni<EstimateCostResponse> estimateCost(EstimateCostRequest request) {
        return run(() -> ProtoMapper.cost(costs.estimate(validator.cost(request))));
    }

    /** Runs the work on this (worker) thread; should a call ever arrive on an event loop, on the worker pool. */
    private static <T> Uni<T> run(Supplier<T> work) {
        Uni<T> uni = Uni.createFrom().item(work);
        return BlockingOperationControl.isBlockingAllowed() ? uni
                : uni.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
