package dev.llmplatform.tokenizer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.testsupport.TestAssets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic multilingual corpus of any size for throughput measurements and exactness checks: the
 * conformance input texts (many scripts, code, emoji) and the built-in Spanish/English sample, followed by lines of
 * words drawn from all of them with a fixed seed, so that the text is not one block repeated (which would only
 * measure the tokenizers' word caches).
 */
public final class BenchCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchCorpus() {
    }

    /** The source texts: the conformance inputs, then the Spanish and English samples. */
    public static List<String> sources() {
        List<String> texts = new ArrayList<>();
        try {
            JsonNode inputs = JSON.readTree(TestAssets.file("conformance/inputs_3afc5a9.json").toFile()).path("inputs");
            inputs.forEach(input -> texts.add(input.path("text").asText()));
            texts.add(resource("/samples/parallel-es.txt"));
            texts.add(resource("/samples/parallel-en.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    /** A corpus of at least {@code utf8Bytes} UTF-8 bytes (a little more: whole lines), the same on every call. */
    public static String ofSize(int utf8Bytes) {
        List<String> sources = sources();
        List<String> words = new ArrayList<>();
        for (String text : sources) {
            for (String word : text.split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        Random random = new Random(42);
        StringBuilder out = new StringBuilder(utf8Bytes);
        int bytes = 0;
        while (bytes < utf8Bytes) {
            String line;
            int pick = random.nextInt(10);
            if (pick == 0) {
                line = sources.get(random.nextInt(sources.size())) + "\n";
            } else {
                StringBuilder sentence = new StringBuilder();
                int n = 6 + random.nextInt(20);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sentence.append(' ');
                    }
                    sentence.append(words.get(random.nextInt(words.size())));
                }
                line = sentence.append(pick == 1 ? "\n\n" : ".\n").toString();
            }
            out.append(line);
            bytes += line.getBytes(StandardCharsets.UTF_8).length;
        }
        return out.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BenchCorpus.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
