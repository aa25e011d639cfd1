package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The sampling fields chat and legacy completion requests share (both records implement this). */
public interface SamplingFields {

    /** {@code max_tokens}. */
    Integer maxTokens();

    /** {@code max_completion_tokens}, OpenAI's newer name for {@code max_tokens}. */
    Integer maxCompletionTokens();

    /** {@code temperature}. */
    Double temperature();

    /** {@code top_p}. */
    Double topP();

    /** {@code top_k}. */
    Integer topK();

    /** {@code min_p}. */
    Double minP();

    /** {@code repeat_penalty}. */
    Double repeatPenalty();

    /** {@code seed}. */
    Long seed();

    /** {@code presence_penalty}. */
    Double presencePenalty();

    /** {@code frequency_penalty}. */
    Double frequencyPenalty();

    /** {@code logit_bias}: an object of token ids (as strings) to biases, as sent; null when left out. */
    JsonNode logitBias();

    /** {@code stop}: a string or an array of strings. */
    List<String> stop();
}
