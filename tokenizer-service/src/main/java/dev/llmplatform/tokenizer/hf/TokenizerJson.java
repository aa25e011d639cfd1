package dev.llmplatform.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the service needs from a Hugging Face tokenizer.json: the model type, the vocabulary size, the added
 * tokens, and a variant of the file whose special added tokens are not matched in input text.
 *
 * @param modelType {@code model.type} (BPE, WordPiece, Unigram, ...)
 * @param vocabSize distinct ids in the model vocabulary and the added tokens
 * @param idLimit one past the highest id (ids may have gaps)
 * @param specialTokens special added tokens by id
 * @param literalJson the file without its special added tokens and its non-special added tokens shaped like control
 *                    tokens ({@code </s>}, {@code <tool_call>}), so that their strings in user text are
 *                    tokenized as ordinary text (the post-processor still adds BOS/EOS by id)
 * @param cutting how the literal variant may count a long text in pieces ({@link ChunkSafety})
 * @param maxWhitespaceRun the longest run of whitespace other than CR/LF the pipeline's regular expressions take
 *                         ({@link PipelineRegexes}; {@link Integer#MAX_VALUE} when none backtracks over runs)
 */
public record TokenizerJson(String modelType, int vocabSize, int idLimit, Map<Integer, String> specialTokens,
        byte[] literalJson, ChunkSafety.Cutting cutting, int maxWhitespaceRun) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Non-special added tokens shaped like control tokens ("</s>", "<tool_call>", "[X]") are literal too. */
    private static final Pattern CONTROL_SHAPE = Pattern.compile("<[^<>\\s]+>|\\[[A-Za-z_]+]");

    /**
     * Parses a tokenizer.json.
     *
     * @throws RefusedTokenizerException when its pipeline runs a regular expression that is not vetted
     * @throws IOException when it is not a tokenizer.json
     */
    public static TokenizerJson parse(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject() || !root.path("model").isObject()) {
            throw new IOException("not a tokenizer.json: no model object");
        }
        int maxWhitespaceRun = PipelineRegexes.maxWhitespaceRun(root);
        JsonNode model = root.path("model");
        String type = model.path("type").asText(null);
        if (type == null) {
            type = inferType(model);
        }
        Set<Integer> ids = new HashSet<>();
        JsonNode vocab = model.path("vocab");
        if (vocab.isObject()) {
            vocab.fields().forEachRemaining(e -> ids.add(e.getValue().asInt()));
        } else if (vocab.isArray()) {
            for (int i = 0; i < vocab.size(); i++) {
                ids.add(i);
            }
        }
        Map<Integer, String> special = new HashMap<>();
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode added : root.path("added_tokens")) {
            int id = added.path("id").asInt();
            ids.add(id);
            String content = added.path("content").asText();
            if (added.path("special").asBoolean(false)) {
                special.put(id, content);
            } else if (!CONTROL_SHAPE.matcher(content).matches()) {
                kept.add(added);
            }
        }
        ArrayNode literalAdded = JSON.createArrayNode().addAll(kept);
        ((ObjectNode) root).set("added_tokens", literalAdded);
        int limit = ids.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        return new TokenizerJson(type, ids.size(), limit, Map.copyOf(special), JSON.writeValueAsBytes(root),
                ChunkSafety.cutting(root), maxWhitespaceRun);
    }

    /** Older tokenizer.json files (GPT-2, BERT, T5 exports) leave {@code model.type} out. */
    private static String inferType(JsonNode model) {
        if (model.has("merges")) {
            return "BPE";
        }
        if (model.path("vocab").isArray()) {
            return "Unigram";
        }
        if (model.has("max_input_chars_per_word") || model.has("continuing_subword_prefix")) {
            return "WordPiece";
        }
        return null;
    }
}
