package dev.llmplatform.servicekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OtelEnvironmentConfigSourceTest {

    @Test
    void withoutAnEndpointTracingIsOff() {
        OtelEnvironmentConfigSource source = new OtelEnvironmentConfigSource(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL",
                "grpc"));
        assertEquals("true", source.getValue("quarkus.otel.sdk.disabled"));
        assertNull(source.getValue("quarkus.otel.exporter.otlp.endpoint"));
        assertEquals("true", new OtelEnvironmentConfigSource(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))
                .getValue("quarkus.otel.sdk.disabled"));
    }

    @Test
    void anEndpointTurnsTracingOnWithItsProtocol() {
        OtelEnvironmentConfigSource source = new OtelEnvironmentConfigSource(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        assertEquals("false", source.getValue("quarkus.otel.sdk.disabled"));
        assertEquals("http://collector:4318", source.getValue("quarkus.otel.exporter.otlp.endpoint"));
        assertEquals("http/protobuf", source.getValue("quarkus.otel.exporter.otlp.protocol"));
        assertEquals(275, source.getOrdinal(), "between application.properties and the environment");
    }
}
