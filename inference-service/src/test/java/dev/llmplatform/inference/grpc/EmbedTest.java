package dev.llmplatform.inference.grpc;

import static dev.llmplatform.inference.grpc.GrpcTestSupport.awaitLoad;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.collect;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.greedy;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.prompt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.inference.v1.EmbedRequest;
import dev.llmplatform.proto.inference.v1.EmbedResponse;
import dev.llmplatform.proto.inference.v1.Embedding;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import dev.llmplatform.proto.inference.v1.TokenizeRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real stories260K model loaded for embeddings: Embed's answers, its refusals, and Generate refused. */
@QuarkusTest
@TestProfile(RealEmbeddingProfile.class)
class EmbedTest {

    private static final String FIRST = "Once upon a time";
    private static final String SECOND = "The cat sat on the mat.";

    @GrpcClient("inference")
    InferenceServiceBlockingStub stub;

    @BeforeEach
    void modelReady() throws InterruptedException {
        assertTrue(awaitLoad(stub, r -> r.getReady(), 60_000).getReady(), "model did not become ready");
    }

    private EmbedResponse embed(String... inputs) {
        return stub.embed(EmbedRequest.newBuilder().addAllInputs(List.of(inputs)).build());
    }

    @Test
    void theModelInfoDescribesAnEmbeddingModel() {
        ModelInfo info = stub.getModelInfo(GetModelInfoRequest.getDefaultInstance());
        assertEquals(64, info.getEmbeddingLength(), "stories260K's llama.embedding_length");
        assertEquals("last", info.getPooling(), "a decoder model without pooling metadata pools its last token");
        assertEquals(4, info.getMaxEmbeddingInputs());
    }

    @Test
    void eachInputGetsAUnitVectorOfTheModelsWidthAndTheSameTextTheSameVector() {
        EmbedResponse response = embed(FIRST, SECOND, FIRST);
        assertEquals("stories260k", response.getModel(), "the served name");
        assertEquals(3, response.getEmbeddingsCount());
        for (Embedding embedding : response.getEmbeddingsList()) {
            assertEquals(64, embedding.getValuesCount());
            assertEquals(1.0, norm(embedding), 1e-4);
        }
        assertEquals(response.getEmbeddings(0).getValuesList(), response.getEmbeddings(2).getValuesList());
        assertFalse(response.getEmbeddings(0).getValuesList().equals(response.getEmbeddings(1).getValuesList()),
                "two different texts got the same vector");
        int firstTokens = stub.tokenize(TokenizeRequest.newBuilder().setText(FIRST).setAddBos(true).build())
                .getIdsCount();
        assertEquals(firstTokens, response.getEmbeddings(0).getPromptTokens(), "the BOS token counts");
        assertEquals(response.getEmbeddings(0), embed(FIRST).getEmbeddings(0), "a later call gives the same vector");
    }

    @Test
    void concurrentCallsGetTheVectorsOfSequentialOnes() throws Exception {
        EmbedResponse alone = embed(FIRST, SECOND);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<EmbedResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> embed(FIRST, SECOND), pool));
            }
            for (CompletableFuture<EmbedResponse> call : calls) {
                EmbedResponse together = call.get();
                for (int i = 0; i < 2; i++) {
                    assertArrayEquals(values(alone.getEmbeddings(i)), values(together.getEmbeddings(i)), 1e-5f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusedInputsNameTheirIndexAndNothingIsEmbedded() {
        assertEquals("inputs must hold at least one text", invalid(EmbedRequest.newBuilder().build()));
        assertEquals("inputs holds 5 texts, over the limit of 4", invalid(EmbedRequest.newBuilder()
                .addAllInputs(List.of("a", "b", "c", "d", "e")).build()));
        assertEquals("inputs[1] is empty; every input must hold text",
                invalid(EmbedRequest.newBuilder().addInputs(FIRST).addInputs("").build()));
        String tooLong = invalid(EmbedRequest.newBuilder().addInputs(FIRST).addInputs("Once upon a time ".repeat(200))
                .build());
        assertTrue(tooLong.matches("inputs\\[1] is \\d+ tokens, over the slot's context of 512 tokens"), tooLong);
        String huge = invalid(EmbedRequest.newBuilder().addInputs("a".repeat(20_000)).build());
        assertTrue(huge.startsWith("inputs[0] is 20000 bytes, over the limit of 16384 bytes"), huge);
        StatusRuntimeException otherModel = assertThrows(StatusRuntimeException.class,
                () -> stub.embed(EmbedRequest.newBuilder().setModel("other").addInputs(FIRST).build()));
        assertEquals(Status.Code.NOT_FOUND, otherModel.getStatus().getCode());
    }

    @Test
    void aModelLoadedForEmbeddingsDoesNotGenerate() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> collect(stub.generate(prompt(FIRST, greedy(4)))));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals("the model \"stories260k\" is loaded for embeddings and does not generate; call Embed",
                e.getStatus().getDescription());
    }

    private String invalid(EmbedRequest request) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.embed(request));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().getDescription());
        return e.getStatus().getDescription();
    }

    private static float[] values(Embedding embedding) {
        float[] values = new float[embedding.getValuesCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = embedding.getValues(i);
        }
        return values;
    }

    private static double norm(Embedding embedding) {
        double sum = 0;
        for (float value : embedding.getValuesList()) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
