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
import dev.llmplatform.tokenizer.error.CallCancelledException;
import dev.llmplatform.tokenizer.service.ComparisonService;
import dev.llmplatform.tokenizer.service.CountCommand;
import dev.llmplatform.tokenizer.service.TokenizationService;
import dev.llmplatform.tokenizer.service.cost.CostEstimator;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The gRPC TokenizerService. Every method runs on a worker thread ({@link Blocking}): tokenizers load and run
 * native code. Each request is validated ({@link RequestValidator}), then admitted by the size of its text
 * ({@link BytesInFlight}) before any tokenizing; failures become statuses in one place ({@code GrpcErrorMapper}).
 * Work stopped because the caller went away is counted ({@link TokenMetrics#stopped}).
 */
@GrpcService
@Blocking
public class TokenizerGrpcService implements TokenizerService {

    /**
     * An Encode holds about 200 bytes of heap per token (the library's encoding, the offsets, the answer) and can
     * have a token per byte, against a few bytes per byte for a count: it takes 16 times its size in the budget,
     * so a maximal Encode (512 KiB) takes 8 MiB of the default 10 MiB.
     */
    static final int ENCODE_WEIGHT = 16;

    private final RequestValidator validator;
    private final TokenizationService tokenization;
    private final ComparisonService comparison;
    private final CostEstimator costs;
    private final TokenMetrics metrics;
    private final BytesInFlight admission;

    TokenizerGrpcService(RequestValidator validator, TokenizationService tokenization, ComparisonService comparison,
            CostEstimator costs, TokenMetrics metrics, BytesInFlight admission) {
        this.admission = admission;
        this.validator = validator;
        this.tokenization = tokenization;
        this.comparison = comparison;
        this.costs = costs;
        this.metrics = metrics;
    }

    @Override
    public Uni<EncodeResponse> encode(EncodeRequest request) {
        return run("encode", () -> validator.encode(request), c -> ENCODE_WEIGHT * utf8(c.text()), command -> {
            EncodedText encoded = tokenization.encode(command);
            metrics.record("encode", command.tokenizer(), encoded.count());
            return ProtoMapper.encoded(command.tokenizer(), encoded);
        });
    }

    @Override
    public Uni<DecodeResponse> decode(DecodeRequest request) {
        return run("decode", () -> validator.decode(request), c -> 4L * c.ids().length,
                command -> DecodeResponse.newBuilder().setText(tokenization.decode(command)).build());
    }

    @Override
    public Uni<CountResponse> count(CountRequest request) {
        return run("count", () -> validator.count(request), TokenizerGrpcService::bytes, command -> {
            String text = command.texts().get(0);
            int count = tokenization.count(command)[0];
            metrics.record("count", command.tokenizer(), count);
            return CountResponse.newBuilder().setCount(count).setCharacters(text.length())
                    .setBytes(TextIndex.utf8Length(text)).build();
        });
    }

    @Override
    public Uni<CountBatchResponse> countBatch(CountBatchRequest request) {
        return run("count_batch", () -> validator.countBatch(request), TokenizerGrpcService::bytes, command -> {
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
        return run("list_tokenizers", () -> request, r -> 0, r -> {
            ListTokenizersResponse.Builder out = ListTokenizersResponse.newBuilder();
            tokenization.list().forEach(d -> out.addTokenizers(ProtoMapper.info(d)));
            return out.build();
        });
    }

    @Override
    public Uni<CompareResponse> compare(CompareRequest request) {
        return run("compare", () -> validator.compare(request), c -> utf8(c.text()),
                command -> ProtoMapper.comparison(comparison.compare(command)));
    }

    @Override
    public Uni<LanguageEfficiencyResponse> languageEfficiency(LanguageEfficiencyRequest request) {
        return run("language_efficiency", () -> validator.languageEfficiency(request),
                c -> c.pair().map(p -> utf8(p.spanish()) + utf8(p.english())).orElse(0L),
                command -> ProtoMapper.language(comparison.languageEfficiency(command)));
    }

    @Override
    public Uni<EstimateCostResponse> estimateCost(EstimateCostRequest request) {
        // the rendered prompt is held beside the messages: twice their size
        return run("estimate_cost", () -> validator.cost(request),
                c -> 2 * c.messages().stream().mapToLong(m -> utf8(m.content())).sum(),
                command -> ProtoMapper.cost(costs.estimate(command)));
    }

    private static long bytes(CountCommand command) {
        return command.texts().stream().mapToLong(TokenizerGrpcService::utf8).sum();
    }

    private static long utf8(String text) {
        return TextIndex.utf8Length(text);
    }

    /**
     * Validates the request, then runs the work on this (worker) thread once the command's weight in bytes is
     * admitted (nothing is held for a weight of 0); should a call ever arrive on an event loop, on the worker pool.
     * A call stopped because its caller went away is counted.
     */
    private <C, T> Uni<T> run(String rpc, Supplier<C> validate, ToLongFunction<C> weight, Function<C, T> work) {
        Uni<T> uni = Uni.createFrom().item(() -> {
            C command = validate.get();
            long bytes = weight.applyAsLong(command);
            try {
                return bytes == 0 ? work.apply(command) : admission.run(bytes, () -> work.apply(command));
            } catch (CallCancelledException e) {
                metrics.stopped(rpc);
                throw e;
            }
        });
        return BlockingOperationControl.isBlockingAllowed() ? uni
                : uni.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
