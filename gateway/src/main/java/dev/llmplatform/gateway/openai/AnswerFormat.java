package dev.llmplatform.gateway.openai;

import dev.llmplatform.gateway.backend.GenerationResult;
import java.util.List;

/** How one endpoint's answer looks on the wire: OpenAI chat completions or legacy completions. */
public interface AnswerFormat {

    /** The SSE payload sent before any text (chat: the role delta), or null. */
    Object firstChunk();

    /** The SSE payload for a piece of text, or null while the format holds the text back. */
    Object deltaChunk(String text);

    /** The SSE payloads after the last piece: the finish_reason chunk, then the usage chunk when asked. */
    List<Object> lastChunks(GenerationResult result, boolean includeUsage);

    /** The whole non-streamed answer. */
    Object whole(String text, GenerationResult result);
}
