package dev.llmplatform.gateway.tokenizer;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.grpc.GrpcFailures;
import dev.llmplatform.gateway.grpc.Reconnect;
import dev.llmplatform.grpcauth.SharedTokenCredentials;
import dev.llmplatform.proto.tokenizer.v1.ChatMessage;
import dev.llmplatform.proto.tokenizer.v1.CompareRequest;
import dev.llmplatform.proto.tokenizer.v1.CountBatchRequest;
import dev.llmplatform.proto.tokenizer.v1.CountRequest;
import dev.llmplatform.proto.tokenizer.v1.DecodeRequest;
import dev.llmplatform.proto.tokenizer.v1.EncodeRequest;
import dev.llmplatform.proto.tokenizer.v1.EstimateCostRequest;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyRequest;
import dev.llmplatform.proto.tokenizer.v1.ListTokenizersRequest;
import dev.llmplatform.proto.tokenizer.v1.MutinyTokenizerServiceGrpc;
import dev.llmplatform.proto.tokenizer.v1.MutinyTokenizerServiceGrpc.MutinyTokenizerServiceStub;
import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tokenizer service through the channel of the named Quarkus gRPC client {@code tokenizer}
 * ({@code quarkus.grpc.clients.tokenizer.*}, its address from {@code TOKENIZER_ADDRESS}). Each call gets the shared
 * gRPC token as call credentials and its own deadline ({@code gateway.tokenizer.deadline}; Quarkus 3.33's
 * {@code quarkus.grpc.clients.*.deadline} is one deadline for the injected stub's whole life, not one per call).
 * Builds the service's requests from the REST records and its answers into {@link TokenizerJson} records, so the
 * resources see neither; failures become {@link BackendFailure}s (404 unknown tokenizer, 503 down or slow). No
 * retries: a failing tokenizer service gets one call per client request.
 */
@ApplicationScoped
public class TokenizerCalls {

    private final Channel channel;
    private final Optional<CallCredentials> credentials;
    private final long deadlineMillis;

    TokenizerCalls(@GrpcClient("tokenizer") Channel channel, GatewayConfig config,
            @ConfigProperty(name = "llm.grpc.token") Optional<String> token) {
        this.channel = channel;
        this.credentials = SharedTokenCredentials.of(token);
        this.deadlineMillis = config.tokenizer().deadline().toMillis();
    }

    Uni<TokenizerJson.Tokenized> encode(TokenizerRequests.Text r) {
        EncodeRequest.Builder request = EncodeRequest.newBuilder().setTokenizer(r.tokenizer()).setText(r.text());
        if (r.addSpecialTokens() != null) {
            request.setAddSpecialTokens(r.addSpecialTokens());
        }
        return call(stub -> stub.encode(request.build())).map(TokenizerJson.Tokenized::of);
    }

    Uni<TokenizerJson.Detokenized> decode(TokenizerRequests.Ids r) {
        DecodeRequest.Builder request = DecodeRequest.newBuilder().setTokenizer(r.tokenizer()).addAllIds(r.ids());
        if (r.skipSpecialTokens() != null) {
            request.setSkipSpecialTokens(r.skipSpecialTokens());
        }
        return call(stub -> stub.decode(request.build()))
                .map(answer -> new TokenizerJson.Detokenized(r.tokenizer(), answer.getText()));
    }

    Uni<TokenizerJson.Counted> count(TokenizerRequests.Text r) {
        CountRequest.Builder request = CountRequest.newBuilder().setTokenizer(r.tokenizer()).setText(r.text());
        if (r.addSpecialTokens() != null) {
            request.setAddSpecialTokens(r.addSpecialTokens());
        }
        return call(stub -> stub.count(request.build())).map(answer -> new TokenizerJson.Counted(r.tokenizer(),
                answer.getCount(), answer.getCharacters(), answer.getBytes()));
    }

    Uni<TokenizerJson.BatchCounted> countBatch(TokenizerRequests.Texts r) {
        CountBatchRequest.Builder request = CountBatchRequest.newBuilder().setTokenizer(r.tokenizer())
                .addAllTexts(r.texts());
        if (r.addSpecialTokens() != null) {
            request.setAddSpecialTokens(r.addSpecialTokens());
        }
        return call(stub -> stub.countBatch(request.build())).map(answer -> new TokenizerJson.BatchCounted(
                r.tokenizer(), answer.getCountsList(), answer.getTotal()));
    }

    Uni<TokenizerJson.InfoList> list() {
        return call(stub -> stub.listTokenizers(ListTokenizersRequest.getDefaultInstance()))
                .map(TokenizerJson.InfoList::of);
    }

    Uni<TokenizerJson.Comparison> compare(TokenizerRequests.Compare r) {
        CompareRequest request = CompareRequest.newBuilder().setText(r.text()).addAllTokenizers(r.tokenizers()).build();
        return call(stub -> stub.compare(request)).map(TokenizerJson.Comparison::of);
    }

    Uni<TokenizerJson.Efficiency> languageEfficiency(TokenizerRequests.LanguageEfficiency r) {
        LanguageEfficiencyRequest.Builder request = LanguageEfficiencyRequest.newBuilder()
                .setSpanish(r.spanish() == null ? "" : r.spanish()).setEnglish(r.english() == null ? "" : r.english());
        if (r.tokenizers() != null) {
            request.addAllTokenizers(r.tokenizers());
        }
        return call(stub -> stub.languageEfficiency(request.build())).map(TokenizerJson.Efficiency::of);
    }

    /** Cost and fit; {@code servedContext} is the served model's context per slot, or null for a catalogue model. */
    Uni<TokenizerJson.Cost> estimateCost(TokenizerRequests.Cost r, Integer servedContext) {
        EstimateCostRequest.Builder request = EstimateCostRequest.newBuilder().setModel(r.model())
                .setMaxOutputTokens(r.maxOutputTokens() == null ? 0 : r.maxOutputTokens());
        r.messages().forEach(m -> request.addMessages(ChatMessage.newBuilder().setRole(m.role())
                .setContent(m.content() == null ? "" : m.content())));
        if (servedContext != null) {
            request.setContextLength(servedContext);
        }
        return call(stub -> stub.estimateCost(request.build())).map(TokenizerJson.Cost::of)
                .onFailure(BackendFailure.class).transform(e -> ((BackendFailure) e).kind()
                        == BackendFailure.Kind.TOKENIZER_NOT_FOUND
                        ? new BackendFailure(BackendFailure.Kind.MODEL_NOT_FOUND, e.getMessage()) : e);
    }

    private <T> Uni<T> call(Function<MutinyTokenizerServiceStub, Uni<T>> rpc) {
        return Reconnect.now(channel).chain(ready -> {
            MutinyTokenizerServiceStub stub = MutinyTokenizerServiceGrpc.newMutinyStub(channel)
                    .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
            return rpc.apply(credentials.map(stub::withCallCredentials).orElse(stub));
        }).onFailure().transform(GrpcFailures::fromTokenizer);
    }
}
