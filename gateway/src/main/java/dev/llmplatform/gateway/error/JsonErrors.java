package dev.llmplatform.gateway.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.llmplatform.gateway.http.Echo;
import java.util.stream.Collectors;

/**
 * Turns a Jackson failure into the message of a 400 ({@code code: invalid_json}): what is wrong, where in the body
 * (line and column) or which field, never a Java type, a class name or a parser setting.
 */
public final class JsonErrors {

    private static final int MAX_REASON = 160;

    private JsonErrors() {
    }

    /** The 400 for a body or frame that Jackson refused. */
    public static ApiException malformed(JsonProcessingException e) {
        return ApiException.malformed(describe(e));
    }

    /** A one-line description without internals. */
    public static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String where = where(e.getLocation());
        if (e instanceof StreamConstraintsException) {
            return "The JSON body " + limit(original) + where;
        }
        if (original.startsWith("No content to map")) {
            return "The request body is empty; send a JSON object";
        }
        if (original.startsWith("Trailing token")) {
            return "Unexpected data after the JSON value" + where + "; send exactly one JSON object";
        }
        if (e instanceof JsonEOFException || original.startsWith("Unexpected end-of-input")) {
            return "The JSON body ends too early" + where;
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "The field '" + Echo.cut(field) + "' has the wrong type";
        }
        if (e instanceof JsonParseException) {
            return "Malformed JSON" + where + ": " + reason(original);
        }
        return "Malformed JSON body" + where;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String limit(String original) {
        if (original.contains("nesting depth")) {
            return "is nested too deeply";
        }
        if (original.contains("Number value length")) {
            return "has a number with too many digits";
        }
        if (original.contains("String value length") || original.contains("Name length")) {
            return "has a string that is too long";
        }
        return "is too large";
    }

    /** Jackson's first line, without backquoted type names or parser settings. */
    private static String reason(String original) {
        String line = original.lines().findFirst().orElse("invalid JSON");
        String clean = line.replaceAll("`[^`]*`", "").replaceAll("\\s*\\(from [^)]*\\)", "").replaceAll("\\s+", " ")
                .strip();
        return Echo.cut(clean.isEmpty() ? "invalid JSON" : clean, MAX_REASON);
    }
}
