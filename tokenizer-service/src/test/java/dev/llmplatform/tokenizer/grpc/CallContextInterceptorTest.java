package dev.llmplatform.tokenizer.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The call's deadline comes from the grpc-timeout header (gRPC over HTTP/2: up to 8 digits and a unit). */
class CallContextInterceptorTest {

    @Test
    void readsEveryTimeoutUnitAndIgnoresMalformedValues() {
        assertEquals(OptionalLong.of(300_000_000L), CallContextInterceptor.timeoutNanos("300m"));
        assertEquals(OptionalLong.of(5_000_000_000L), CallContextInterceptor.timeoutNanos("5S"));
        assertEquals(OptionalLong.of(7_200_000_000_000L), CallContextInterceptor.timeoutNanos("2H"));
        assertEquals(OptionalLong.of(60_000_000_000L), CallContextInterceptor.timeoutNanos("1M"));
        assertEquals(OptionalLong.of(99_000L), CallContextInterceptor.timeoutNanos("99u"));
        assertEquals(OptionalLong.of(12L), CallContextInterceptor.timeoutNanos("12n"));
        for (String bad : new String[] {null, "", "m", "123456789S", "12x", "-1S", "1.5S"}) {
            assertEquals(OptionalLong.empty(), CallContextInterceptor.timeoutNanos(bad), String.valueOf(bad));
        }
    }
}
