package dev.llmplatform.gateway.tokenizer;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The bodies of the tokenizer REST API, bound by Jackson (snake_case, strict types). The gateway checks their shape;
 * the tokenizer service is the one validator of their values (sizes, counts, ids), and its INVALID_ARGUMENT comes
 * back unchanged as a 400.
 */
public final class TokenizerRequests {

    private TokenizerRequests() {
    }

    /** {@code /v1/tokenize} and {@code /v1/tokenize/count}. */
    public record Text(String tokenizer, String text, Boolean addSpecialTokens) {
    }

    /** {@code /v1/detokenize}. */
    public record Ids(String tokenizer, List<Integer> ids, Boolean skipSpecialTokens) {
    }

    /** {@code /v1/tokenize/count/batch}. */
    public record Texts(String tokenizer, List<String> texts, Boolean addSpecialTokens) {
    }

    /** {@code /v1/tokenizers/compare}. */
    public record Compare(String text,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> tokenizers) {
    }

    /** {@code /v1/tokenizers/language-efficiency}; empty texts mean the built-in sample, no tokenizers all. */
    public record LanguageEfficiency(String spanish, String english,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> tokenizers) {
    }

    /** {@code /v1/tokenizers/cost}. */
    @Schema(name = "CostRequest")
    public record Cost(String model, List<CostMessage> messages, Integer maxOutputTokens) {
    }

    /** One message of a cost estimate. */
    public record CostMessage(String role, String content) {
    }
}
