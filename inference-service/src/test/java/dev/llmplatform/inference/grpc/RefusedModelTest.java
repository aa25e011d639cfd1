package dev.llmplatform.inference.grpc;

import static dev.llmplatform.inference.grpc.GrpcTestSupport.collect;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.greedy;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.prompt;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.model.ServiceState;
import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A truncated GGUF is refused in Java before native code sees it: the service stays up (for probes and the log),
 * started, not ready, and not live, so an orchestrator restarts it with its back-off.
 */
@QuarkusTest
@TestProfile(TruncatedModelProfile.class)
class RefusedModelTest {

    @GrpcClient("inference")
    InferenceServiceBlockingStub stub;
    @Inject
    ServedModel model;

    @Test
    void serviceStaysUpNotReadyAndRefusesGeneration() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (model.state() instanceof ServiceState.Loading && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(ServiceState.Failed.class, model.state().getClass(), model.state().toString());
        RestAssured.given().get("/q/health/started").then().statusCode(200);
        RestAssured.given().get("/q/health/live").then().statusCode(503)
                .body("checks.find { it.name == 'model' }.data.reason", startsWith("model refused"));
        RestAssured.given().get("/q/health/ready").then().statusCode(503);
        assertFalse(stub.getLoad(GetLoadRequest.getDefaultInstance()).getReady());
        assertFalse(stub.getModelInfo(GetModelInfoRequest.getDefaultInstance()).getReady());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> collect(stub.generate(prompt("Once", greedy(4)))));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals("model failed to load; see the service log", e.getStatus().getDescription());
    }
}
