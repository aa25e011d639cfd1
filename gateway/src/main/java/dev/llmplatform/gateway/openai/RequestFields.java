package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.error.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The request fields of OpenAI's chat completions and legacy completions that the records do not bind: each is
 * ignored as advisory or accepted only with its no-op value ({@link FieldRule}); a field in neither the records nor
 * these tables is unknown and refused, so a typo never silently does nothing ({@link UnboundFields} applies them).
 * The table in gateway/README.md ("OpenAI request fields") says the same.
 */
public final class RequestFields {

    private static final String NO_LOGPROBS = "the llama.cpp binding 4.2.0 does not return token probabilities";
    private static final String TEMPLATES = "templates are server configuration";
    private static final String GRAMMAR = "GBNF grammars are not accepted (llama.cpp b4916 drops a grammar it cannot"
            + " parse without a word); send response_format with a json_schema";

    /** The fields of a chat completion not bound by {@link ChatCompletionRequest}. */
    public static final Map<String, FieldRule> CHAT = table(
            FieldRule.advisory("metadata"),
            FieldRule.advisory("prompt_cache_key"),
            FieldRule.advisory("prompt_cache_retention"),
            FieldRule.advisory("safety_identifier"),
            FieldRule.advisory("service_tier"),
            FieldRule.advisory("store"),
            FieldRule.advisory("user"),
            FieldRule.refused("audio", "the served models answer with text only"),
            FieldRule.onlyIf("functions", RequestFields::emptyArray, "deprecated by OpenAI and not implemented;"
                    + " send tools"),
            FieldRule.onlyIf("function_call", text("auto", "none"), "constrained function calling is not"
                    + " implemented (and functions are not accepted)"),
            FieldRule.onlyIf("logprobs", RequestFields::isFalse, NO_LOGPROBS),
            FieldRule.onlyIf("top_logprobs", RequestFields::zero, NO_LOGPROBS),
            FieldRule.onlyIf("modalities", value -> value.isArray() && value.size() == 1
                    && "text".equals(value.get(0).textValue()), "the served models answer with text only"),
            FieldRule.onlyIf("parallel_tool_calls", RequestFields::isTrue, "the gateway cannot hold the model to"
                    + " one tool call"),
            FieldRule.refused("prediction", "predicted outputs are not implemented"),
            FieldRule.refused("reasoning_effort", "the served models have no reasoning-effort control"),
            FieldRule.onlyIf("verbosity", text("medium"), "the served models have no verbosity control"),
            FieldRule.refused("web_search_options", "the gateway has no web search"),
            FieldRule.refused("chat_template", TEMPLATES),
            FieldRule.refused("chat_template_kwargs", TEMPLATES),
            FieldRule.refused("grammar", GRAMMAR));

    /** The fields of a legacy completion not bound by {@link CompletionRequest}. */
    public static final Map<String, FieldRule> COMPLETION = table(
            FieldRule.advisory("user"),
            FieldRule.onlyIf("best_of", value -> value.isIntegralNumber() && value.intValue() == 1,
                    "one candidate is generated per request"),
            FieldRule.onlyIf("suffix", value -> value.isTextual() && value.textValue().isEmpty(),
                    "insertion (text after the completion) is not implemented"),
            FieldRule.refused("logprobs", NO_LOGPROBS),
            FieldRule.refused("grammar", GRAMMAR));

    /** The fields of an embeddings request not bound by {@link EmbeddingRequest}. */
    public static final Map<String, FieldRule> EMBEDDING = table(FieldRule.advisory("user"));

    private RequestFields() {
    }

    /** 400 when {@code name} is unknown to {@code table} or sent with a value that is not served. */
    public static void check(String name, JsonNode value, Map<String, FieldRule> table) {
        FieldRule rule = table.get(name);
        if (rule == null) {
            throw ApiException.unknownParameter(name);
        }
        if (!rule.accepts(value)) {
            throw ApiException.unsupportedParameter(name, "Unsupported parameter: '" + name + "' is not accepted: "
                    + rule.why() + "; leave it out");
        }
    }

    private static Map<String, FieldRule> table(FieldRule... rules) {
        Map<String, FieldRule> table = new LinkedHashMap<>();
        for (FieldRule rule : rules) {
            table.put(rule.name(), rule);
        }
        return Map.copyOf(table);
    }

    private static boolean zero(JsonNode value) {
        return value.isNumber() && value.doubleValue() == 0;
    }

    private static boolean isFalse(JsonNode value) {
        return value.isBoolean() && !value.booleanValue();
    }

    private static boolean isTrue(JsonNode value) {
        return value.isBoolean() && value.booleanValue();
    }

    private static boolean emptyArray(JsonNode value) {
        return value.isArray() && value.isEmpty();
    }

    private static Predicate<JsonNode> text(String... words) {
        List<String> accepted = List.of(words);
        return value -> value.isTextual() && accepted.contains(value.textValue());
    }
}
