package dev.llmplatform.bench.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.testkit.client.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic benchmark corpus: documents of about {@code docBytes} UTF-8 bytes, each a mix of the conformance
 * input texts (English, code, CJK, emoji, accents, whitespace runs) in a seeded order, with numbered section
 * headings so that not every word repeats exactly (tokenizers cache words).
 *
 * @param documents the documents
 * @param bytes     their total UTF-8 size
 */
public record Corpus(List<String> documents, long bytes) {

    /** Builds about {@code totalBytes} of documents from the texts in {@code inputsJson} (the conformance inputs). */
    public static Corpus build(Path inputsJson, long totalBytes, int docBytes, long seed) {
        List<String> texts = texts(inputsJson);
        return build(texts, totalBytes, docBytes, seed);
    }

    /** Builds about {@code totalBytes} of documents by mixing the given texts. */
    public static Corpus build(List<String> texts, long totalBytes, int docBytes, long seed) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no input texts for the corpus");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<String> documents = new ArrayList<>();
        long total = 0;
        while (total < totalBytes) {
            StringBuilder doc = new StringBuilder();
            int docBytesSoFar = 0;
            for (int section = 1; docBytesSoFar < docBytes; section++) {
                String part = "Section " + documents.size() + "." + section + " (" + random.nextInt(100_000) + "): "
                        + texts.get(random.nextInt(texts.size())) + "\n\n";
                doc.append(part);
                docBytesSoFar += part.getBytes(StandardCharsets.UTF_8).length;
            }
            documents.add(doc.toString());
            total += docBytesSoFar;
        }
        return new Corpus(List.copyOf(documents), total);
    }

    private static List<String> texts(Path inputsJson) {
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(inputsJson));
            List<String> texts = new ArrayList<>();
            for (JsonNode input : root.path("inputs")) {
                String text = input.path("text").asText("");
                if (!text.isEmpty()) {
                    texts.add(text);
                }
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + inputsJson, e);
        }
    }
}
