package dev.llmplatform.tokenizer.hf;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one text through the raw library (plain DJL, no guard), meant for a child JVM that may be aborted: a
 * tokenizer.json, optionally with its pre-tokenizer replaced by a Split on a given expression, and a text of
 * {@code prefix + fill x count + suffix}. Prints "answered N tokens" and exits 0 when the library answers.
 *
 * <p>Arguments: {@code <tokenizer.json> <split regex or -> <prefix> <fill> <count> <suffix>} ({@code \n}, {@code \t}
 * and {@code \s} (a space) are unescaped in prefix, fill and suffix).
 */
public final class NativeAbortProbe {

    private NativeAbortProbe() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(Files.readAllBytes(Path.of(args[0])));
        if (!"-".equals(args[1])) {
            ObjectNode split = json.createObjectNode().put("type", "Split").put("behavior", "Isolated")
                    .put("invert", false);
            split.putObject("pattern").put("Regex", args[1]);
            root.set("pre_tokenizer", split);
        }
        String text = unescape(args[2]) + unescape(args[3]).repeat(Integer.parseInt(args[4])) + unescape(args[5]);
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                new ByteArrayInputStream(json.writeValueAsBytes(root)), Map.of("truncation", "false", "padding",
                        "false"))) {
            long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, false);
            System.out.println("answered " + TokenizersLibrary.LIB.getTokenIds(encoding).length + " tokens");
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
        System.exit(0);
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\s", " ");
    }
}
