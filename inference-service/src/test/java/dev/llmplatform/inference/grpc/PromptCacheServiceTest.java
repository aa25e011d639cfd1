package dev.llmplatform.inference.grpc;

import static dev.llmplatform.inference.grpc.GrpcTestSupport.awaitLoad;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.collect;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.greedy;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import dev.llmplatform.proto.inference.v1.Usage;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The prompt cache through the service: cached tokens in the usage, the next turn of a chat, the metrics. */
@QuarkusTest
@TestProfile(RealModelProfile.class)
class PromptCacheServiceTest {

    @GrpcClient("inference")
    InferenceServiceBlockingStub stub;

    @BeforeEach
    void modelReady() throws InterruptedException {
        assertTrue(awaitLoad(stub, r -> r.getReady(), 60_000).getReady(), "model did not become ready");
    }

    private static String text(GrpcTestSupport.Collected collected) {
        StringBuilder text = new StringBuilder();
        for (GenerateResponse chunk : collected.chunks()) {
            text.append(chunk.getChunk().getText());
        }
        return text.toString();
    }

    @Test
    void aRepeatedRawPromptReusesAllButItsLastTokenAndGivesTheSameText() {
        GenerateRequest request = prompt("The purple whale sang to the moon", greedy(16));
        GrpcTestSupport.Collected first = collect(stub.generate(request));
        GrpcTestSupport.Collected second = collect(stub.generate(request));
        Usage usage = second.last().getFinal().getUsage();
        assertEquals(usage.getPromptTokens() - 1, usage.getCachedTokens(), usage.toString());
        assertEquals(text(first), text(second));
    }

    @Test
    void eachTurnOfAChatReusesThePreviousTurnsPromptAndAnswer() {
        List<ChatMessage> messages = new ArrayList<>();
        int previousPrompt = 0;
        for (String user : List.of("Tom had a red kite", "Where did the kite go?", "What did Tom do then?")) {
            messages.add(ChatMessage.newBuilder().setRole("user").setContent(user).build());
            GrpcTestSupport.Collected answer = collect(stub.generate(GenerateRequest.newBuilder()
                    .setChat(Chat.newBuilder().addAllMessages(messages)).setParams(greedy(24)).build()));
            Usage usage = answer.last().getFinal().getUsage();
            assertTrue(usage.getCachedTokens() >= previousPrompt, "the turn reuses at least the previous prompt: "
                    + usage + " after a prompt of " + previousPrompt);
            previousPrompt = usage.getPromptTokens();
            messages.add(ChatMessage.newBuilder().setRole("assistant").setContent(text(answer)).build());
        }
        String metrics = RestAssured.given().get("/metrics").then().statusCode(200).extract().asString();
        for (String counter : new String[] {"vllm:prefix_cache_queries_total{", "vllm:prefix_cache_hits_total{"}) {
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith(counter)
                    && line.contains("model_name=\"stories260k\"") && !line.endsWith(" 0.0")), counter + " counted");
        }
    }
}
