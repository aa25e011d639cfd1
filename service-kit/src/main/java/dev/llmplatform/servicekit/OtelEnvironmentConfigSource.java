package dev.llmplatform.servicekit;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Maps the standard OpenTelemetry variables onto Quarkus's settings, so tracing is configured the way every OTel SDK
 * is and is off unless an endpoint is given: with {@code OTEL_EXPORTER_OTLP_ENDPOINT} set, the SDK is enabled and
 * exports there ({@code OTEL_EXPORTER_OTLP_PROTOCOL}: {@code grpc}, the default, or {@code http/protobuf});
 * without it the SDK is disabled (no export attempts, no warnings about an unreachable collector). Its ordinal sits
 * above application.properties and below environment variables, so {@code QUARKUS_OTEL_*} still wins.
 */
public final class OtelEnvironmentConfigSource implements ConfigSource {

    /** Above application.properties (250), below environment variables (300). */
    static final int ORDINAL = 275;

    private final Map<String, String> properties;

    /** Reads the process environment. */
    public OtelEnvironmentConfigSource() {
        this(System.getenv());
    }

    OtelEnvironmentConfigSource(Map<String, String> environment) {
        this.properties = Map.copyOf(from(environment));
    }

    static Map<String, String> from(Map<String, String> environment) {
        Map<String, String> properties = new HashMap<>();
        String endpoint = environment.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip();
        if (endpoint.isEmpty()) {
            properties.put("quarkus.otel.sdk.disabled", "true");
            return properties;
        }
        properties.put("quarkus.otel.sdk.disabled", "false");
        properties.put("quarkus.otel.exporter.otlp.endpoint", endpoint);
        String protocol = environment.getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", "").strip();
        if (!protocol.isEmpty()) {
            properties.put("quarkus.otel.exporter.otlp.protocol", protocol);
        }
        return properties;
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "OpenTelemetry environment (OTEL_EXPORTER_OTLP_*)";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
