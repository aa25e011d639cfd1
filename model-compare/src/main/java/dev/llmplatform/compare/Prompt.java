package dev.llmplatform.compare;

import java.util.List;

/**
 * One prompt of the set: a chat, sent to every model.
 *
 * @param id       a short label for the tables
 * @param messages the chat messages in order; the last one from the user
 */
public record Prompt(String id, List<Message> messages) {

    /** Copies the messages. */
    public Prompt {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("prompt " + id + " has no messages");
        }
        messages = List.copyOf(messages);
    }

    /**
     * One chat message.
     *
     * @param role    {@code system}, {@code user} or {@code assistant}
     * @param content the text
     */
    public record Message(String role, String content) {
    }

    /** The last user message, shown in the answers table. */
    public String question() {
        return messages.get(messages.size() - 1).content();
    }

    /** The message contents joined with one newline: the prompt text a model without chat template is given. */
    public String plainText() {
        return String.join("\n", messages.stream().map(Message::content).toList());
    }
}
