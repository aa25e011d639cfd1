package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.Map;

/**
 * Holds the top-level fields of a chat, legacy completion or embeddings request that its record does not bind to
 * {@link RequestFields}: Jackson hands every such field here while binding, and an unknown field, or a documented one
 * sent with a value the gateway cannot serve, ends the binding with a 400 naming it. Fields of any other type, and
 * below the top level, are left to Jackson, which ignores them.
 */
public final class UnboundFields extends DeserializationProblemHandler {

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
            JsonDeserializer<?> deserializer, Object beanOrClass, String name) throws IOException {
        Map<String, FieldRule> table = tableOf(beanOrClass);
        if (table == null) {
            return false;
        }
        JsonNode value = context.readTree(parser);
        RequestFields.check(name, value, table);
        return true;
    }

    private static Map<String, FieldRule> tableOf(Object beanOrClass) {
        Object type = beanOrClass instanceof Class<?> ? beanOrClass : beanOrClass.getClass();
        if (type == ChatCompletionRequest.class) {
            return RequestFields.CHAT;
        }
        if (type == CompletionRequest.class) {
            return RequestFields.COMPLETION;
        }
        if (type == EmbeddingRequest.class) {
            return RequestFields.EMBEDDING;
        }
        return null;
    }
}
