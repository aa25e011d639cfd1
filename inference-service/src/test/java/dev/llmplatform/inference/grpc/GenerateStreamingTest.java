package dev.llmplatform.inference.grpc;

import static dev.llmplatform.inference.grpc.GrpcTestSupport.awaitLoad;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.chat;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.collect;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.greedy;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.inference.grpc.GrpcTestSupport.Collected;
import dev.llmplatform.proto.inference.v1.FinishReason;
import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Generation over real gRPC with the real stories260K model. */
@QuarkusTest
@TestProfile(RealModelProfile.class)
class GenerateStreamingTest {

    @GrpcClient("inference")
    InferenceServiceBlockingStub stub;

    @BeforeEach
    void modelReady() throws InterruptedException {
        assertTrue(awaitLoad(stub, r -> r.getReady(), 60_000).getReady(), "model did not become ready");
    }

    @Test
    void modelInfoDescribesTheServedModel() {
        ModelInfo info = stub.getModelInfo(GetModelInfoRequest.getDefaultInstance());
        assertEquals("stories260k", info.getName());
        assertTrue(info.getReady());
        assertEquals(512, info.getContextLength());
        assertEquals(2, info.getSlots());
        assertFalse(info.getHasChatTemplate());
        assertEquals(0, info.getGpuLayers());
        assertTrue(info.getFileSizeBytes() > 1_000_000);
    }

    @Test
    void streamsPiecesThenOneFinalWithUsageAndTimings() {
        Collected out = collect(stub.generate(prompt("Once upon a time", greedy(40))));
        assertTrue(out.chunks().size() > 1, "expected several chunks, got " + out.chunks().size());
        Final last = out.last().getFinal();
        assertEquals(FinishReason.FINISH_REASON_LENGTH, last.getFinishReason());
        assertEquals(40, last.getUsage().getCompletionTokens());
        int chunkTokens = out.chunks().stream().mapToInt(c -> c.getChunk().getTokens()).sum();
        assertEquals(40, chunkTokens);
        assertTrue(last.getUsage().getPromptTokens() >= 5, "prompt tokens " + last.getUsage().getPromptTokens());
        assertTrue(last.getTimings().getTimeToFirstTokenMs() > 0);
        assertTrue(last.getTimings().getTotalMs() >= last.getTimings().getTimeToFirstTokenMs());
        assertFalse(last.getPlainCompletion());
        assertTrue(out.text().length() > 40, out.text());
    }

    @Test
    void chatWithoutTemplateRunsAsPlainCompletionOfTheJoinedContents() {
        Collected chat = collect(stub.generate(chat("Once upon a time", greedy(24))));
        Collected plain = collect(stub.generate(prompt("Once upon a time", greedy(24))));
        assertTrue(chat.last().getFinal().getPlainCompletion());
        assertEquals(plain.text(), chat.text());
    }

    @Test
    void temperatureZeroIsTheSameStreamedAndAcrossFourConcurrentStreams() throws Exception {
        String single = collect(stub.generate(chat("Once upon a time", greedy(64)))).text();
        assertFalse(single.isEmpty());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Collected>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> collect(stub.generate(chat("Once upon a time", greedy(64))))));
            }
            for (Future<Collected> future : futures) {
                assertEquals(single, future.get().text());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void differentPromptsRunningTogetherDoNotCrossTalk() throws Exception {
        String a = collect(stub.generate(prompt("Once upon a time", greedy(48)))).text();
        String b = collect(stub.generate(prompt("The little dog", greedy(48)))).text();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Collected> fa = pool.submit(() -> collect(stub.generate(prompt("Once upon a time", greedy(48)))));
            Future<Collected> fb = pool.submit(() -> collect(stub.generate(prompt("The little dog", greedy(48)))));
            assertEquals(a, fa.get().text());
            assertEquals(b, fb.get().text());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stopStringEndsGenerationAndIsNotSent() {
        String full = collect(stub.generate(prompt("Once upon a time", greedy(60)))).text();
        int cut = full.indexOf(' ', 10);
        String stop = full.substring(cut, cut + 3);
        SamplingParams params = SamplingParams.newBuilder().setMaxTokens(60).setTemperature(0f).addStop(stop).build();
        Collected out = collect(stub.generate(prompt("Once upon a time", params)));
        assertEquals(full.substring(0, full.indexOf(stop)), out.text());
        assertEquals(FinishReason.FINISH_REASON_STOP, out.last().getFinal().getFinishReason());
    }

    @Test
    void everyChunkIsValidUtf8() {
        Collected out = collect(stub.generate(prompt("Once upon a time", greedy(100))));
        for (var chunk : out.chunks()) {
            byte[] bytes = chunk.getChunk().getTextBytes().toByteArray();
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw new AssertionError("chunk is not valid UTF-8", e);
            }
        }
    }
}
