package dev.llmplatform.inference.grpc;

import static dev.llmplatform.inference.grpc.GrpcTestSupport.awaitLoad;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.collect;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.greedy;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import dev.llmplatform.proto.inference.v1.LoadReport;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancellation, deadlines and the bounded queue, observed through GetLoad like the end-to-end tests do. The engine is
 * the scripted one ({@link ScriptedModelSource}: 20 ms per token), so a long generation lasts seconds however fast
 * or loaded the machine is, and a cancel always lands mid-stream.
 */
@QuarkusTest
@TestProfile(ScriptedEngineProfile.class)
class CancellationTest {

    /** A generation of about 10 s: long enough to be cancelled mid-stream on any machine. */
    private static final int LONG = 490;
    /** A generation of about 1 s. */
    private static final int SHORT = 50;

    @GrpcClient("inference")
    InferenceServiceBlockingStub stub;

    @BeforeEach
    void idleAndReady() throws InterruptedException {
        LoadReport report = awaitLoad(stub, r -> r.getReady() && r.getRunning() == 0 && r.getWaiting() == 0,
                60_000);
        assertTrue(report.getReady() && report.getRunning() == 0, report.toString());
    }

    @Test
    void cancellingMidStreamFreesTheSlotWithinOneSecond() throws Exception {
        long cancelledBefore = stub.getLoad(GetLoadRequest.getDefaultInstance()).getCancelledTotal();
        Context.CancellableContext context = Context.current().withCancellation();
        Context previous = context.attach();
        try {
            Iterator<GenerateResponse> stream = stub.generate(prompt("Once upon a time", greedy(LONG)));
            assertTrue(stream.next().hasProgress(), "a Progress message comes first");
            assertTrue(stream.next().hasChunk());
            assertEquals(1, stub.getLoad(GetLoadRequest.getDefaultInstance()).getRunning());
            context.cancel(null);
        } finally {
            context.detach(previous);
        }
        long cancelledAt = System.nanoTime();
        LoadReport report = awaitLoad(stub, r -> r.getRunning() == 0 && r.getCancelledTotal() > cancelledBefore,
                1_000);
        long millis = (System.nanoTime() - cancelledAt) / 1_000_000;
        assertEquals(0, report.getRunning(), "slot still busy after " + millis + " ms");
        assertEquals(cancelledBefore + 1, report.getCancelledTotal());
    }

    @Test
    void deadlineShorterThanTheGenerationEndsWithDeadlineExceededAndFreesTheSlot() throws Exception {
        long cancelledBefore = stub.getLoad(GetLoadRequest.getDefaultInstance()).getCancelledTotal();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> collect(
                stub.withDeadlineAfter(2, TimeUnit.SECONDS).generate(prompt("Once upon a time", greedy(LONG)))));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
        LoadReport report = awaitLoad(stub, r -> r.getRunning() == 0 && r.getCancelledTotal() > cancelledBefore,
                1_000);
        assertEquals(0, report.getRunning());
        assertEquals(cancelledBefore + 1, report.getCancelledTotal());
    }

    @Test
    void beyondSlotsAndQueueIsRefusedAtOnceWhileAcceptedRequestsFinish() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> {
                    try {
                        return collect(stub.generate(prompt("Once upon a time", greedy(SHORT))));
                    } catch (StatusRuntimeException e) {
                        return e.getStatus();
                    }
                }));
            }
            int finished = 0;
            int exhausted = 0;
            for (Future<Object> result : results) {
                Object outcome = result.get(60, TimeUnit.SECONDS);
                if (outcome instanceof Status status) {
                    assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status.toString());
                    assertEquals("all 2 slots are busy and the queue of 3 is full; retry later",
                            status.getDescription());
                    exhausted++;
                } else {
                    finished++;
                }
            }
            assertTrue(exhausted >= 1, "no request was refused");
            assertTrue(finished >= 5, "only " + finished + " requests finished");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void restStatusReportsTheSameLoad() {
        RestAssured.given().get("/v1/status").then().statusCode(200)
                .body("model", org.hamcrest.Matchers.equalTo("scripted"))
                .body("ready", org.hamcrest.Matchers.equalTo(true))
                .body("slots", org.hamcrest.Matchers.equalTo(2))
                .body("maxQueue", org.hamcrest.Matchers.equalTo(3))
                .body("running", org.hamcrest.Matchers.equalTo(0));
        assertFalse(RestAssured.given().get("/q/health/ready").then().extract().asString().contains("DOWN"));
    }
}
