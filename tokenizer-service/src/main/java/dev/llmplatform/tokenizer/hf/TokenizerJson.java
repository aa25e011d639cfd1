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
 * @param templateTokens the added tokens the literal variant leaves out (the special ones and those shaped like
 *                       control tokens): a chat prompt counts them where its template wrote them
 *                       ({@link TemplateTokenSplitter})
 * @param literalJsonWithoutFirstPrepend the literal variant with every Metaspace pre-tokenizer's
 *                       {@code prepend_scheme: "first"} turned to {@code "never"}, or null when it has none: the
 *                       library prepends "▁" to the first split of a text only, so a part of a chat prompt that
 *                       follows a template token is counted with this variant
 * @param cutting how the literal variant may count a long text in pieces ({@link ChunkSafety})
 * @param maxWhitespaceRun the longest run of whitespace other than CR/LF the pipeline's regular expressions take
 *                         ({@link PipelineRegexes}; {@link Integer#MAX_VALUE} when none backtracks over runs)
 */
public record TokenizerJson(String modelType, int vocabSize, int idLimit, Map<Integer, String> specialTokens,
        byte[] literalJson, List<AddedToken> templateTokens, byte[] literalJsonWithoutFirstPrepend,
        ChunkSafety.Cutting cutting, int maxWhitespaceRun) {

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
        List<AddedToken> left = new ArrayList<>();
        for (JsonNode added : root.path("added_tokens")) {
            int id = added.path("id").asInt();
            ids.add(id);
            String content = added.path("content").asText();
            boolean isSpecial = added.path("special").asBoolean(false);
            if (isSpecial) {
                special.put(id, content);
            } else if (!CONTROL_SHAPE.matcher(content).matches()) {
                kept.add(added);
                continue;
            }
            if (!content.isEmpty()) {
                left.add(new AddedToken(id, content, isSpecial, added.path("single_word").asBoolean(false),
                        added.path("lstrip").asBoolean(false), added.path("rstrip").asBoolean(false),
                        added.path("normalized").asBoolean(!isSpecial)));
            }
        }
        ArrayNode literalAdded = JSON.createArrayNode().addAll(kept);
        ((ObjectNode) root).set("added_tokens", literalAdded);
        int limit = ids.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        byte[] literal = JSON.writeValueAsBytes(root);
        ChunkSafety.Cutting cutting = ChunkSafety.cutting(root);
        byte[] withoutFirst = withoutFirstPrepend(root.path("pre_tokenizer")) ? JSON.writeValueAsBytes(root) : null;
        return new TokenizerJson(type, ids.size(), limit, Map.copyOf(special), literal, List.copyOf(left),
                withoutFirst, cutting, maxWhitespaceRun);
    }

    /**
     * Turns {@code prepend_scheme: "first"} into {@code "never"} in every Metaspace of a pre-tokenizer (a Sequence's
     * steps included); whether there was one.
     */
    private static boolean withoutFirstPrepend(JsonNode preTokenizer) {
        boolean changed = false;
        if ("Metaspace".equals(preTokenizer.path("type").asText()) && preTokenizer instanceof ObjectNode metaspace
                && "first".equals(preTokenizer.path("prepend_scheme").asText())) {
            metaspace.put("prepend_scheme", "never");
            changed = true;
        }
        for (JsonNode step : preTokenizer.path("pretokenizers")) {
            changed |= withoutFirstPrepend(step);
        }
        return changed;
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
