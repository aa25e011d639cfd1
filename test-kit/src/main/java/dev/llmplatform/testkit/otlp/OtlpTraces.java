package dev.llmplatform.testkit.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the spans out of an OTLP {@code ExportTraceServiceRequest} (protobuf) by field number, without the OTLP
 * generated classes: {@code resource_spans = 1} → ({@code resource = 1} → {@code attributes = 1}),
 * ({@code scope_spans = 2} → {@code spans = 2} → {@code trace_id = 1}, {@code span_id = 2},
 * {@code parent_span_id = 4}, {@code name = 5}); an attribute is {@code key = 1},
 * {@code value = 2} → {@code string_value = 1}. Field numbers from opentelemetry-proto's {@code trace.proto},
 * {@code resource.proto} and {@code common.proto}.
 */
public final class OtlpTraces {

    private static final HexFormat HEX = HexFormat.of();

    private OtlpTraces() {
    }

    /** Every span of one export request. */
    public static List<ReceivedSpan> spans(byte[] exportRequest) throws InvalidProtocolBufferException {
        List<ReceivedSpan> spans = new ArrayList<>();
        for (ByteString resourceSpans : UnknownFieldSet.parseFrom(exportRequest).getField(1).getLengthDelimitedList()) {
            UnknownFieldSet resourceSpan = UnknownFieldSet.parseFrom(resourceSpans);
            String service = serviceName(resourceSpan);
            for (ByteString scopeSpans : resourceSpan.getField(2).getLengthDelimitedList()) {
                for (ByteString span : UnknownFieldSet.parseFrom(scopeSpans).getField(2).getLengthDelimitedList()) {
                    UnknownFieldSet fields = UnknownFieldSet.parseFrom(span);
                    spans.add(new ReceivedSpan(service, hex(fields, 1), hex(fields, 2), hex(fields, 4),
                            text(fields, 5)));
                }
            }
        }
        return spans;
    }

    private static String serviceName(UnknownFieldSet resourceSpan) throws InvalidProtocolBufferException {
        for (ByteString resource : resourceSpan.getField(1).getLengthDelimitedList()) {
            for (ByteString attribute : UnknownFieldSet.parseFrom(resource).getField(1).getLengthDelimitedList()) {
                UnknownFieldSet keyValue = UnknownFieldSet.parseFrom(attribute);
                if ("service.name".equals(text(keyValue, 1))) {
                    for (ByteString value : keyValue.getField(2).getLengthDelimitedList()) {
                        return text(UnknownFieldSet.parseFrom(value), 1);
                    }
                }
            }
        }
        return "";
    }

    private static String hex(UnknownFieldSet fields, int number) {
        List<ByteString> values = fields.getField(number).getLengthDelimitedList();
        return values.isEmpty() ? "" : HEX.formatHex(values.get(0).toByteArray());
    }

    private static String text(UnknownFieldSet fields, int number) {
        List<ByteString> values = fields.getField(number).getLengthDelimitedList();
        return values.isEmpty() ? "" : values.get(0).toStringUtf8();
    }
}
