package dev.llmplatform.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The prompts a comparison runs: the built-in set, or one user message per line of a file. */
public final class PromptSet {

    private PromptSet() {
    }

    /**
     * The built-in set: short chats that fit small contexts (a tiny story model, a 128-token model) and still show
     * whether a chat model follows instructions. Written for this project.
     */
    public static List<Prompt> builtIn() {
        return List.of(
                new Prompt("story", List.of(new Prompt.Message("user",
                        "Once upon a time, there was a little dog named Max."))),
                new Prompt("capital", List.of(
                        new Prompt.Message("system", "You answer in one short sentence."),
                        new Prompt.Message("user", "What is the capital of France?"))),
                new Prompt("list", List.of(new Prompt.Message("user", "Name three colours of the rainbow."))),
                new Prompt("code", List.of(new Prompt.Message("user",
                        "Write a Java method that returns the sum of two ints."))));
    }

    /**
     * Reads a prompt file: every non-blank line is one prompt (a single user message); lines starting with
     * {@code #} are comments.
     *
     * @throws IllegalArgumentException when the file holds no prompt
     */
    public static List<Prompt> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the lines of a prompt file; {@code source} names it in the error message. */
    public static List<Prompt> parse(List<String> lines, String source) {
        List<Prompt> prompts = new ArrayList<>();
        for (String line : lines) {
            String text = line.strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                prompts.add(new Prompt("p" + (prompts.size() + 1), List.of(new Prompt.Message("user", text))));
            }
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no prompt in " + source + " (one prompt per line, # for comments)");
        }
        return prompts;
    }
}
