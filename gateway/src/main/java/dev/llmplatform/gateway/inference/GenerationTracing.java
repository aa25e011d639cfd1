package dev.llmplatform.gateway.inference;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The gateway's spans of a generation: the wait for an admission permit, and one client span per inference call
 * whose context (W3C {@code traceparent}) goes to the inference service in the call's metadata. The inference
 * channels are the gateway's own ({@code InferenceChannels}), so Quarkus's gRPC client instrumentation does not see
 * them; the tokenizer's named client is instrumented by Quarkus. With tracing off (no
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}) the tracer and propagator are no-ops.
 */
@ApplicationScoped
public class GenerationTracing {

    private static final TextMapSetter<Metadata> METADATA = (metadata, key, value) -> metadata.put(
            Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    @Inject
    GenerationTracing(OpenTelemetry openTelemetry) {
        this(openTelemetry.getTracer("dev.llmplatform.gateway"),
                openTelemetry.getPropagators().getTextMapPropagator());
    }

    private GenerationTracing(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Tracing that records and sends nothing, for code built outside CDI. */
    public static GenerationTracing none() {
        return new GenerationTracing(OpenTelemetry.noop());
    }

    /** The wait for an admission permit of {@code model}, under {@code parent}. */
    Span admission(Context parent, String model) {
        return tracer.spanBuilder("gateway admission").setParent(parent)
                .setAttribute("gen_ai.request.model", model).startSpan();
    }

    /** One Generate call to the endpoint at {@code address}. */
    Span call(Context parent, String address, String model) {
        return tracer.spanBuilder("llmplatform.inference.v1.InferenceService/Generate").setParent(parent)
                .setSpanKind(SpanKind.CLIENT).setAttribute("rpc.system", "grpc")
                .setAttribute("server.address", address).setAttribute("gen_ai.request.model", model).startSpan();
    }

    /** Puts {@code context} (the call's span) into the metadata of the calls made through the returned interceptor. */
    ClientInterceptor propagating(Context context) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                    Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        propagator.inject(context, headers, METADATA);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }
}
