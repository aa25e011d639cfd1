package dev.llmplatform.tokenizer.service.cost;

import dev.llmplatform.tokenizer.engine.ChatMessage;
import java.util.List;
import java.util.OptionalInt;

/**
 * A validated EstimateCost request.
 *
 * @param model a served or catalogue model name (not yet looked up)
 * @param messages at least one message with a known role, together within the size limit
 * @param maxOutputTokens expected answer tokens; 0 means all the room left in the context
 * @param contextLength the context the model is served with, when the caller knows it (positive)
 */
public record CostCommand(String model, List<ChatMessage> messages, int maxOutputTokens, OptionalInt contextLength) {

    public CostCommand {
        messages = List.copyOf(messages);
    }

    /** A request without a served context. */
    public CostCommand(String model, List<ChatMessage> messages, int maxOutputTokens) {
        this(model, messages, maxOutputTokens, OptionalInt.empty());
    }
}
