package dev.llmplatform.tokenizer.service.cost;

import java.util.List;

/**
 * A validated EstimateCost request.
 *
 * @param model a catalogue model name (not yet looked up)
 * @param messages at least one message with a known role, together within the size limit
 * @param maxOutputTokens expected answer tokens; 0 means all the room left in the context
 */
public record CostCommand(String model, List<ChatMessage> messages, int maxOutputTokens) {

    public CostCommand {
        messages = List.copyOf(messages);
    }
}
