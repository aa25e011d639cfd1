package dev.llmplatform.tokenizer.hf;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs texts through the raw library (plain DJL, no guard), meant for a child JVM that may be aborted. Each probe is
 * a tokenizer.json, optionally with its pre-tokenizer replaced by a Split on a given expression, optionally with its
 * model replaced by an empty WordLevel (so that only normalization and pre-tokenization run, where the regex engine
 * works and can abort), and a text of {@code prefix + fill x count + suffix}. Prints "probe N: answered T tokens"
 * for each probe that answers and exits 0 when all of them do; an abort ends the JVM at the probe that caused it.
 *
 * <p>Arguments: probes separated by {@code --}, each {@code <full|pretokenize> <tokenizer.json> <split regex or ->
 * <prefix> <fill> <count> <suffix>} ({@code \n}, {@code \t} and {@code \s} (a space) are unescaped in prefix, fill
 * and suffix).
 */
public final class NativeAbortProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NativeAbortProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<List<String>> probes = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--")) {
                probes.add(current);
                current = new ArrayList<>();
            } else {
                current.add(arg);
            }
        }
        probes.add(current);
        for (int i = 0; i < probes.size(); i++) {
            System.out.println("probe " + (i + 1) + ": answered " + run(probes.get(i)) + " tokens");
            System.out.flush();
        }
        System.exit(0);
    }

    /** The token count of one probe. */
    static int run(List<String> probe) throws Exception {
        if (probe.size() != 7) {
            throw new IllegalArgumentException("a probe has 7 arguments, got " + probe);
        }
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of(probe.get(1))));
        if (probe.get(0).equals("pretokenize")) {
            ObjectNode model = JSON.createObjectNode().put("type", "WordLevel").put("unk_token", "[UNK]");
            model.putObject("vocab").put("[UNK]", 0);
            root.set("model", model);
            root.putArray("added_tokens");
            root.remove("post_processor");
        }
        if (!"-".equals(probe.get(2))) {
            ObjectNode split = JSON.createObjectNode().put("type", "Split").put("behavior", "Isolated")
                    .put("invert", false);
            split.putObject("pattern").put("Regex", probe.get(2));
            root.set("pre_tokenizer", split);
        }
        String text = unescape(probe.get(3)) + unescape(probe.get(4)).repeat(Integer.parseInt(probe.get(5)))
                + unescape(probe.get(6));
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                new ByteArrayInputStream(JSON.writeValueAsBytes(root)), Map.of("truncation", "false", "padding",
                        "false"))) {
            long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, false);
            try {
                return TokenizersLibrary.LIB.getTokenIds(encoding).length;
            } finally {
                TokenizersLibrary.LIB.deleteEncoding(encoding);
            }
        }
    }

    /** The arguments of one probe. */
    static List<String> probe(boolean pretokenizeOnly, Path tokenizerJson, String regex, String prefix, String fill,
            int count, String suffix) {
        return Arrays.asList(pretokenizeOnly ? "pretokenize" : "full", tokenizerJson.toString(), regex, prefix, fill,
                Integer.toString(count), suffix);
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\s", " ");
    }
}
