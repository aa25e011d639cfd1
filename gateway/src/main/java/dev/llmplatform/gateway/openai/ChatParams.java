package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The parts of an OpenAI chat request below its top level, as records (snake_case on the wire). */
public final class ChatParams {

    private ChatParams() {
    }

    /**
     * A message: {@code role} (system, developer, user, assistant, tool), {@code content} (a string, text parts, or
     * null for an assistant message that only calls tools), {@code tool_calls}, {@code tool_call_id}, {@code name}.
     */
    @Schema(name = "RequestMessage")
    public record Message(String role, Content content, List<ToolCall> toolCalls, String toolCallId, String name) {
    }

    /** A message's text: a string, or OpenAI content parts of type "text" joined together. */
    @JsonDeserialize(using = ContentReader.class)
    @Schema(type = SchemaType.STRING, description = "The message text: a string, or an array of text parts"
            + " ({\"type\":\"text\",\"text\":\"...\"})")
    public record Content(String text) {
    }

    /** One content part; only {@code {"type":"text","text":"..."}} is accepted. */
    public record Part(String type, String text) {
    }

    /** A tool call made by an assistant message: {@code {id, type:"function", function:{name, arguments}}}. */
    @Schema(name = "RequestToolCall")
    public record ToolCall(String id, String type, FunctionCall function) {
    }

    /** The function of a tool call; {@code arguments} is a JSON text, as OpenAI sends it. */
    @Schema(name = "RequestFunctionCall")
    public record FunctionCall(String name, String arguments) {
    }

    /** A tool the model may call: {@code {type:"function", function:{name, description, parameters}}}. */
    public record Tool(String type, Function function) {
    }

    /** A function definition; {@code parameters} is its JSON schema (an object). */
    public record Function(String name, String description, JsonNode parameters) {
    }

    /** {@code stream_options}. */
    public record StreamOptions(Boolean includeUsage) {
    }

    /** Reads {@link Content} from a string or an array of text parts; anything else names the field. */
    static final class ContentReader extends StdDeserializer<Content> {

        private static final String RULE = "must be a string or an array of text parts"
                + " ({\"type\":\"text\",\"text\":\"...\"})";

        ContentReader() {
            super(Content.class);
        }

        @Override
        public Content deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                return new Content(parser.getText());
            }
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                return (Content) context.handleUnexpectedToken(Content.class, parser.currentToken(), parser, RULE);
            }
            JavaType parts = context.getTypeFactory().constructCollectionType(List.class, Part.class);
            List<Part> list = context.readValue(parser, parts);
            StringBuilder text = new StringBuilder();
            for (Part part : list) {
                if (part == null || !"text".equals(part.type()) || part.text() == null) {
                    return (Content) context.handleUnexpectedToken(Content.class, JsonToken.START_ARRAY, parser, RULE);
                }
                text.append(part.text());
            }
            return new Content(text.toString());
        }
    }
}
