package dev.llmplatform.gateway.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.llmplatform.gateway.http.Echo;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a Jackson failure into a 400: malformed JSON ({@code code: invalid_json}: what and where, line and column) or
 * a field of the wrong type ({@code code: invalid_value}, {@code param} the field's path: "The field 'max_tokens'
 * must be an integer, got 1.5"). Never a Java type, a class name or a parser setting.
 */
public final class JsonErrors {

    private static final int MAX_REASON = 160;
    private static final int MAX_VALUE = 40;
    private static final Pattern NUMBER = Pattern.compile("(?:Floating-point|Integer) value \\(([^)]{1,80})\\)");
    private static final Pattern BOOLEAN = Pattern.compile("Boolean`? value \\((true|false)\\)");
    private static final Pattern TOKEN = Pattern.compile("token `JsonToken\\.([A-Z_]+)`");
    private static final Pattern FROM = Pattern.compile("(?:from|Cannot coerce) (String|Object|Array|Number) value");

    private JsonErrors() {
    }

    /** The 400 for a body or frame that Jackson refused. */
    public static ApiException toApi(JsonProcessingException e) {
        JsonProcessingException root = e;
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException cause
                && !(cause instanceof InputCoercionException)) {
            root = cause; // a syntax error met while binding: report it as such
        }
        String original = root.getOriginalMessage() == null ? "" : root.getOriginalMessage();
        String where = where(root.getLocation());
        if (root instanceof StreamConstraintsException) {
            return ApiException.malformed("The JSON body " + limit(original) + where);
        }
        if (original.startsWith("No content to map")) {
            return ApiException.malformed("The request body is empty; send a JSON object");
        }
        if (original.startsWith("Trailing token")) {
            return ApiException.malformed("Unexpected data after the JSON value" + where
                    + "; send exactly one JSON object");
        }
        if (root instanceof JsonEOFException || original.startsWith("Unexpected end-of-input")) {
            return ApiException.malformed("The JSON body ends too early" + where);
        }
        if (original.startsWith("Duplicate field")) {
            String field = path(e);
            String name = field.isEmpty() ? original.replaceAll("^Duplicate field '(.*)'$", "$1")
                    : field + "." + original.replaceAll("^Duplicate field '(.*)'$", "$1");
            return ApiException.invalid(Echo.cut(name), "The field '" + Echo.cut(name) + "' appears twice" + where);
        }
        if (root instanceof JsonMappingException mapping) {
            return wrongType(mapping);
        }
        if (root instanceof JsonParseException) {
            return ApiException.malformed("Malformed JSON" + where + ": " + reason(original));
        }
        return ApiException.malformed("Malformed JSON body" + where);
    }

    private static ApiException wrongType(JsonMappingException e) {
        String field = Echo.cut(path(e));
        String got = got(e);
        if (field.isEmpty()) {
            return ApiException.malformed("The request body must be a JSON object" + (got.isEmpty() ? "" : ", got "
                    + got));
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String rule;
        if (e.getCause() instanceof InputCoercionException coercion) {
            rule = "is out of range for " + expected(coercion.getTargetType());
        } else if (original.startsWith("must ")) {
            rule = original; // a message written by one of the gateway's own readers
        } else {
            rule = "must be " + expected(e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null)
                    + (got.isEmpty() ? "" : ", got " + got);
        }
        return ApiException.invalid(field, "The field '" + field + "' " + rule);
    }

    /** The JSON kind a Java type is read from. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return type == Long.class || type == long.class ? "an integer" : "an integer of 32 bits";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "another type";
    }

    /**
     * What the body had where binding failed, as a JSON kind (a number quoted, cut), read from Jackson's message (its
     * parser is closed by then); empty when the message does not say.
     */
    private static String got(JsonMappingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher number = NUMBER.matcher(message);
        if (number.find()) {
            return "the number " + Echo.cut(number.group(1), MAX_VALUE);
        }
        Matcher bool = BOOLEAN.matcher(message);
        if (bool.find()) {
            return bool.group(1);
        }
        Matcher token = TOKEN.matcher(message);
        String kind = token.find() ? token.group(1) : "";
        if (kind.isEmpty()) {
            Matcher from = FROM.matcher(message);
            kind = from.find() ? from.group(1) : "";
        }
        return switch (kind) {
            case "VALUE_STRING", "String" -> "a string";
            case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT", "Number", "Integer", "Floating-point" -> "a number";
            case "VALUE_TRUE" -> "true";
            case "VALUE_FALSE" -> "false";
            case "VALUE_NULL" -> "null";
            case "START_ARRAY", "Array" -> "an array";
            case "START_OBJECT", "Object" -> "an object";
            default -> "";
        };
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
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
