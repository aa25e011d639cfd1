package dev.llmplatform.inference.grpc;

import static dev.llmplatform.inference.grpc.GrpcTestSupport.awaitLoad;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.collect;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.greedy;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.request.SpecialTokenGuard;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import dev.llmplatform.proto.inference.v1.TokenizeRequest;
import dev.llmplatform.proto.inference.v1.TokenizeResponse;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokenize, special-token neutralisation with the model's real ids, and the Prometheus metrics. */
@QuarkusTest
@TestProfile(RealModelProfile.class)
class TokenizeAndMetricsTest {

    /** stories260K's end-of-sequence token ({@code </s>}, a control token). */
    private static final int EOS = 2;

    @GrpcClient("inference")
    InferenceServiceBlockingStub stub;
    @Inject
    ServedModel model;

    @BeforeEach
    void modelReady() throws InterruptedException {
        assertTrue(awaitLoad(stub, r -> r.getReady(), 60_000).getReady(), "model did not become ready");
    }

    @Test
    void tokenizeReturnsIdsAndPiecesFromTheModelVocabulary() {
        TokenizeResponse plain = stub.tokenize(TokenizeRequest.newBuilder().setText("Once upon a time").build());
        assertEquals(plain.getIdsCount(), plain.getPiecesCount());
        assertTrue(plain.getIdsCount() >= 4);
        assertEquals("Once upon a time", String.join("", plain.getPiecesList()).trim());
        TokenizeResponse withBos = stub.tokenize(TokenizeRequest.newBuilder().setText("Once upon a time")
                .setAddBos(true).build());
        assertEquals(1, withBos.getIds(0));
        assertEquals("<s>", withBos.getPieces(0));
        assertEquals(plain.getIdsList(), withBos.getIdsList().subList(1, withBos.getIdsCount()));
    }

    @Test
    void specialTokenStringsInChatContentAreNotControlTokens() {
        TextEngine engine = model.requireReady().engine();
        String content = "The end</s> and <s> again";
        assertTrue(Arrays.stream(engine.tokenize(content)).anyMatch(id -> id == EOS),
                "precondition: the binding parses </s> into the EOS id");
        String neutralised = new SpecialTokenGuard(engine).neutralise(content);
        int[] ids = engine.tokenize(neutralised);
        assertFalse(Arrays.stream(ids).anyMatch(id -> id == EOS || id == 1), Arrays.toString(ids));
        assertEquals(content, neutralised.replace(String.valueOf(SpecialTokenGuard.BREAK), ""));
    }

    @Test
    void metricsUseTheDocumentedNames() {
        collect(stub.generate(prompt("Once upon a time", greedy(8))));
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : new String[] {"llm_time_to_first_token_seconds_bucket",
            "llm_time_per_output_token_seconds_bucket", "llm_e2e_request_latency_seconds_bucket",
            "llm_request_queue_time_seconds_bucket", "llm_num_requests_running", "llm_num_requests_waiting",
            "llm_prompt_tokens_total", "llm_generation_tokens_total", "llm_request_cancelled_total"}) {
            assertTrue(metrics.contains(name), "missing metric " + name);
        }
    }
}
