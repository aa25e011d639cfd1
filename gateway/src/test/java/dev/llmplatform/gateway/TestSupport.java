package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;

/** Helpers shared by the gateway tests. */
final class TestSupport {

    private TestSupport() {
    }

    /** Waits (at most 15 s) until the gateway is ready, i.e. it has probed a fake inference endpoint. */
    static void awaitReady() {
        Instant end = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(end)) {
            if (given().get("/q/health/ready").statusCode() == 200) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("gateway not ready within 15 s");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
