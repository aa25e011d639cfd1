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
import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import dev.llmplatform.proto.inference.v1.RenderChatRequest;
import dev.llmplatform.proto.inference.v1.RenderChatResponse;
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
    void aChatIsTokenizedLikeTheEngineTokenizesItsTextAndContentsStayLiteral() {
        TextEngine engine = model.requireReady().engine();
        RenderChatResponse plain = stub.renderChat(RenderChatRequest.newBuilder().setChat(chatOf("Once upon a time",
                "there was a dragon")).build());
        assertTrue(plain.getPlainCompletion());
        assertEquals("Once upon a time\nthere was a dragon", plain.getPrompt());
        int[] engineIds = engine.tokenize(plain.getPrompt());
        assertEquals(engineIds.length + 1, plain.getIdsCount(), "BOS plus llama.cpp's own tokens");
        assertEquals(1, plain.getIds(0));
        for (int i = 0; i < engineIds.length; i++) {
            assertEquals(engineIds[i], plain.getIds(i + 1), "token " + i);
        }

        String content = "The end</s> and <s> again";
        assertTrue(Arrays.stream(engine.tokenize(content)).anyMatch(id -> id == EOS),
                "precondition: llama.cpp's tokenizer parses </s> into the EOS id");
        RenderChatResponse literal = stub.renderChat(RenderChatRequest.newBuilder().setChat(chatOf(content)).build());
        assertEquals(content, literal.getPrompt(), "nothing is inserted into a content");
        assertEquals(1, literal.getIds(0));
        assertFalse(literal.getIdsList().subList(1, literal.getIdsCount()).stream().anyMatch(id -> id == EOS || id == 1),
                literal.getIdsList().toString());
        StringBuilder decoded = new StringBuilder();
        literal.getIdsList().subList(1, literal.getIdsCount()).forEach(id -> decoded.append(engine.tokenText(id)));
        assertEquals(content, decoded.toString().strip());
    }

    private static Chat chatOf(String... userContents) {
        Chat.Builder chat = Chat.newBuilder();
        for (String content : userContents) {
            chat.addMessages(ChatMessage.newBuilder().setRole("user").setContent(content));
        }
        return chat.build();
    }

    @Test
    void metricsUseVllmsNamesWithTheModelNameAndBuckets() {
        collect(stub.generate(prompt("Once upon a time", greedy(8))));
        String metrics = RestAssured.given().get("/metrics").then().statusCode(200).extract().asString();
        String label = "model_name=\"stories260k\"";
        for (String name : new String[] {"vllm:num_requests_running{", "vllm:num_requests_waiting{",
            "vllm:kv_cache_usage_perc{", "llmplatform_slots{", "vllm:prompt_tokens_total{",
            "vllm:generation_tokens_total{", "vllm:request_success_total{"}) {
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith(name) && line.contains(label)),
                    "missing " + name + label);
        }
        for (String histogram : new String[] {"vllm:time_to_first_token_seconds", "vllm:inter_token_latency_seconds",
            "vllm:e2e_request_latency_seconds", "vllm:request_queue_time_seconds"}) {
            long buckets = metrics.lines().filter(line -> line.startsWith(histogram + "_bucket{")
                    && line.contains(label)).count();
            assertTrue(buckets >= 20, histogram + ": " + buckets + " buckets");
            assertTrue(metrics.contains(histogram + "_count{"), histogram + " count");
        }
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("vllm:request_success_total{")
                && line.contains("finished_reason=\"length\"")), "an 8-token generation ends by length");
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("llmplatform_slots{") && line.endsWith(" 2.0")),
                "2 slots");
    }
}
