package dev.llmplatform.inference.grpc;

import static org.junit.jupiter.api.Assertions.fail;

import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/** Helpers for the gRPC tests. */
final class GrpcTestSupport {

    private GrpcTestSupport() {
    }

    /** A collected stream: its chunks, its final message, and how many Progress heartbeats it carried. */
    record Collected(List<GenerateResponse> chunks, GenerateResponse last, int progress) {
        String text() {
            StringBuilder text = new StringBuilder();
            chunks.forEach(c -> text.append(c.getChunk().getText()));
            return text.toString();
        }
    }

    static GenerateRequest chat(String content, SamplingParams params) {
        return GenerateRequest.newBuilder()
                .setChat(Chat.newBuilder().addMessages(ChatMessage.newBuilder().setRole("user").setContent(content)))
                .setParams(params).build();
    }

    static GenerateRequest prompt(String prompt, SamplingParams params) {
        return GenerateRequest.newBuilder().setPrompt(prompt).setParams(params).build();
    }

    static SamplingParams greedy(int maxTokens) {
        return SamplingParams.newBuilder().setMaxTokens(maxTokens).setTemperature(0f).build();
    }

    static Collected collect(Iterator<GenerateResponse> stream) {
        List<GenerateResponse> chunks = new ArrayList<>();
        GenerateResponse last = null;
        int progress = 0;
        while (stream.hasNext()) {
            GenerateResponse response = stream.next();
            if (last != null) {
                fail("a message came after the Final");
            }
            if (response.hasProgress()) {
                progress++;
            } else if (response.hasChunk()) {
                chunks.add(response);
            } else {
                last = response;
            }
        }
        if (last == null) {
            fail("the stream ended without a Final");
        }
        return new Collected(chunks, last, progress);
    }

    /** Polls GetLoad until the condition holds or the time is up; returns the last report. */
    static LoadReport awaitLoad(InferenceServiceBlockingStub stub, Predicate<LoadReport> condition, long millis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        LoadReport report = stub.getLoad(GetLoadRequest.getDefaultInstance());
        while (!condition.test(report) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
            report = stub.getLoad(GetLoadRequest.getDefaultInstance());
        }
        return report;
    }
}
