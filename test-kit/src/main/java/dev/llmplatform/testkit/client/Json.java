package dev.llmplatform.testkit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON mapper of the kit and its users. */
public final class Json {

    /** Shared mapper (thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** Serialises a value (a String is taken as JSON already and returned as it is). */
    public static String write(Object value) {
        try {
            return value instanceof String s ? s : MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string as a JSON string literal (quoted, escaped). */
    public static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serialises a value, indented, for files people read. */
    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON; null when the text is not JSON. */
    public static JsonNode tryParse(String text) {
        try {
            return text == null ? null : MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Parses JSON.
     *
     * @throws IllegalArgumentException naming the text when it is not JSON
     */
    public static JsonNode parse(String text) {
        JsonNode node = tryParse(text);
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("not JSON: " + text);
        }
        return node;
    }
}
