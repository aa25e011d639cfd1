package dev.llmplatform.bench.chat;

import dev.llmplatform.testkit.client.ChatRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-turn scenario's conversations: each opens with a long user message (a story of {@code openingSentences}
 * sentences, so turns 2+ carry a history of a few hundred tokens) and goes on with short questions; each turn's
 * prompt is the history (the assistant messages being the answers the path gave) plus the next question.
 */
public final class Conversations {

    private static final List<String> SENTENCES = List.of(
            "Once upon a time, a little girl named Lily lived in a small house near the woods.",
            "Every morning she walked to the river with her dog Max to look at the fish.",
            "One day the sky turned dark and a cold wind came over the hill.",
            "Lily saw a tiny bird sitting alone under a big green tree.",
            "She picked it up gently and carried it home in her red hat.",
            "Her mom gave the bird some water and a warm place by the fire.",
            "The next day the sun came back and the bird began to sing.",
            "Max barked and ran around the garden because he was so happy.");
    private static final List<String> QUESTIONS = List.of(
            "What happened next?", "Why was Max happy?", "How did the story end?", "Tell me about the bird.",
            "What did Lily learn?", "Where did they go after that?");

    private Conversations() {
    }

    /** The opening message of conversation {@code index}: the story sentences, rotated so that openings differ. */
    static String opening(int index, int openingSentences) {
        StringBuilder text = new StringBuilder("Here is a story. ");
        for (int i = 0; i < openingSentences; i++) {
            text.append(SENTENCES.get((i + index) % SENTENCES.size())).append(' ');
        }
        return text.append("Please continue it.").toString();
    }

    /** The user message of turn {@code turn} (0-based) of conversation {@code index}. */
    static String userMessage(int index, int turn, int openingSentences) {
        return turn == 0 ? opening(index, openingSentences) : QUESTIONS.get((index + turn - 1) % QUESTIONS.size());
    }

    /** The messages of a turn: the history with the answers given so far, then the turn's user message. */
    public static List<Map<String, String>> messages(int index, List<String> answers, int openingSentences) {
        List<Map<String, String>> messages = new ArrayList<>();
        for (int turn = 0; turn < answers.size(); turn++) {
            messages.add(Map.of("role", "user", "content", userMessage(index, turn, openingSentences)));
            messages.add(Map.of("role", "assistant", "content", answers.get(turn)));
        }
        messages.add(Map.of("role", "user", "content", userMessage(index, answers.size(), openingSentences)));
        return messages;
    }

    /** The OpenAI body of one turn, asking for the usage report at the end of the stream. */
    public static Map<String, Object> body(List<Map<String, String>> messages, ChatRequest sampling) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", sampling.model());
        body.put("messages", messages);
        body.put("max_tokens", sampling.maxTokens());
        body.put("temperature", sampling.temperature());
        body.put("seed", sampling.seed());
        body.put("stream_options", Map.of("include_usage", true));
        return body;
    }
}
