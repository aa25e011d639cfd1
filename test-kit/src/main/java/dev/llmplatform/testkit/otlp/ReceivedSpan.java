package dev.llmplatform.testkit.otlp;

/**
 * One span as an OTLP exporter sent it.
 *
 * @param service      the {@code service.name} resource attribute of the process that sent it
 * @param traceId      32 lower-case hex digits
 * @param spanId       16 lower-case hex digits
 * @param parentSpanId 16 lower-case hex digits, or empty for a root span
 * @param name         the span's name
 */
public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name) {
}
