package dev.llmplatform.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.tokenizer.v1.CompareRequest;
import dev.llmplatform.proto.tokenizer.v1.CompareResponse;
import dev.llmplatform.proto.tokenizer.v1.CountBatchRequest;
import dev.llmplatform.proto.tokenizer.v1.CountRequest;
import dev.llmplatform.proto.tokenizer.v1.EncodeRequest;
import dev.llmplatform.proto.tokenizer.v1.ListTokenizersRequest;
import dev.llmplatform.proto.tokenizer.v1.TokenizerInfo;
import dev.llmplatform.proto.tokenizer.v1.TokenizerServiceGrpc;
import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.hf.WhitespaceRunGuard;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Input shapes that make the native library abort (BAD-INPUTS #28), through the service's gRPC API, for every
 * tokenizer family the service serves: the eight tokenizer.json files, the four tiktoken encodings and the five GGUF
 * vocabularies of the assets. Every answer is exact (Count, CountBatch and Compare against Encode's whole-text
 * tokenization) or a clean refusal naming the run and the limit; the service stays up.
 *
 * <p>Sizes: every shape at 36K characters (more than two production pieces) for every tokenizer; at the service's
 * text limit (10 MiB) and just past the guard's limit for the tokenizers whose split expression backtracks over
 * whitespace runs (llama-3.1, qwen2.5) and for the pure-Java ones, refused before any tokenizing; and one run exactly
 * at the guard's limit, answered. Every request of 10 MB takes seconds to arrive, so each refusal is checked once
 * here and for every shape and tokenizer in {@code NativeAbortTest} and {@code HeapRunGuardTest}. The library's own
 * behaviour at the full text limit for every family (answers, times, memory) is measured in child JVMs, see
 * README.md "Input the native library cannot take".
 */
@QuarkusTest
@TestProfile(HugeInputGrpcTest.AllFamiliesProfile.class)
class HugeInputGrpcTest {

    private static final int MAX_TEXT_BYTES = 10 * 1024 * 1024;

    /** The assets' tokenizer folders and GGUF vocabularies; answers up to 64 MiB for Encode. */
    public static class AllFamiliesProfile extends AssetsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("tokenizers.gguf-files", Stream.of("gpt-2", "llama-spm", "phi-3", "falcon", "bert-bge")
                    .map(v -> TestAssets.file("gguf-vocab/ggml-vocab-" + v + ".gguf").toString())
                    .collect(Collectors.joining(",")));
            overrides.put("quarkus.grpc.clients.tokenizer.max-inbound-message-size", "67108864");
            return overrides;
        }
    }

    @GrpcClient("tokenizer")
    TokenizerServiceGrpc.TokenizerServiceBlockingStub client;

    /** The shapes, by name: each builds a text of about {@code n} characters. */
    private static Map<String, IntFunction<String>> shapes() {
        Map<String, IntFunction<String>> shapes = new LinkedHashMap<>();
        shapes.put("spaces", " "::repeat);
        shapes.put("letter, spaces, letter", n -> "a" + " ".repeat(n - 2) + "b");
        shapes.put("newlines", "\n"::repeat);
        shapes.put("tabs", "\t"::repeat);
        shapes.put("tab/space mix", n -> "\t ".repeat(n / 2));
        shapes.put("\\n \\n \\n", n -> "\n ".repeat(n / 2));
        shapes.put("CRLF", n -> "x" + "\r\n".repeat(n / 2) + "y");
        shapes.put("NBSP and ideographic space", n -> "\u00a0\u3000".repeat(n / 2));
        shapes.put("one huge word", n -> "antidisestablishmentarianism".repeat(n / 28));
        return shapes;
    }

    private List<String> tokenizers() {
        return client.listTokenizers(ListTokenizersRequest.getDefaultInstance()).getTokenizersList().stream()
                .map(TokenizerInfo::getName).toList();
    }

    @Test
    void everyTokenizerAnswersEveryShapeExactly() {
        List<String> names = tokenizers();
        assertEquals(17, names.size(), "8 tokenizer.json files, 4 tiktoken encodings, 5 GGUF vocabularies: " + names);
        Map<String, IntFunction<String>> shapes = shapes();
        List<String> texts = shapes.values().stream().map(s -> s.apply(36 * 1024)).toList();
        List<String> shapeNames = List.copyOf(shapes.keySet());
        for (String name : names) {
            List<Integer> whole = texts.stream().map(text -> client.encode(EncodeRequest.newBuilder()
                    .setTokenizer(name).setText(text).setAddSpecialTokens(false).build()).getCount()).toList();
            for (int i = 0; i < texts.size(); i++) {
                int count = client.count(CountRequest.newBuilder().setTokenizer(name).setText(texts.get(i))
                        .setAddSpecialTokens(false).build()).getCount();
                assertEquals(whole.get(i), count, name + " Count on " + shapeNames.get(i));
            }
            List<Integer> batch = client.countBatch(CountBatchRequest.newBuilder().setTokenizer(name)
                    .addAllTexts(texts).setAddSpecialTokens(false).build()).getCountsList();
            assertEquals(whole, batch, name + " CountBatch");
            CompareResponse compare = client.compare(CompareRequest.newBuilder().setText(texts.get(0))
                    .addTokenizers(name).build());
            assertEquals(whole.get(0), compare.getResults(0).getCount(), name + " Compare");
        }
    }

    @Test
    void textsTheLibrariesCannotTakeAreRefusedAtTheServiceLimit() {
        // One request per API and family: each is 10 MB on the wire (every shape is refused by the same check before
        // any tokenizing, see NativeAbortTest and HeapRunGuardTest for all of them).
        String spaces = " ".repeat(MAX_TEXT_BYTES);
        String message = status(Status.Code.INVALID_ARGUMENT, () -> client.count(CountRequest.newBuilder()
                .setTokenizer("llama-3.1").setText(spaces).build())).getStatus().getDescription();
        assertEquals("text has a run of " + MAX_TEXT_BYTES + " whitespace characters (not counting line breaks) at "
                + "character 0; tokenizer 'llama-3.1' takes runs of at most " + WhitespaceRunGuard.MAX_RUN + " (its "
                + "split expression backtracks over such runs and the tokenizer library fails on longer ones)",
                message);
        String pastGuard = "a" + "\t ".repeat(WhitespaceRunGuard.MAX_RUN / 2 + 1) + "b";
        message = status(Status.Code.INVALID_ARGUMENT, () -> client.countBatch(CountBatchRequest.newBuilder()
                .setTokenizer("qwen2.5").addTexts("fine").addTexts(pastGuard).build())).getStatus().getDescription();
        assertTrue(message.startsWith("text has a run of " + (WhitespaceRunGuard.MAX_RUN + 2) + " whitespace "
                + "characters (not counting line breaks) at character 1; tokenizer 'qwen2.5'"), message);
        // The pure-Java tokenizers: a run (or, for SentencePiece-style GGUF vocabularies, a text) longer than the
        // heap allows for one (HeapRunGuard) is refused before any work.
        String word = "a".repeat(MAX_TEXT_BYTES);
        message = status(Status.Code.INVALID_ARGUMENT, () -> client.count(CountRequest.newBuilder()
                .setTokenizer("cl100k_base").setText(word).build())).getStatus().getDescription();
        assertTrue(message.startsWith("text has a run of " + MAX_TEXT_BYTES + " characters of one kind"), message);
        String words = "word ".repeat(MAX_TEXT_BYTES / 5);
        message = status(Status.Code.INVALID_ARGUMENT, () -> client.compare(CompareRequest.newBuilder()
                .setText(words).addTokenizers("ggml-vocab-llama-spm").build())).getStatus().getDescription();
        assertTrue(message.startsWith("text is " + MAX_TEXT_BYTES + " characters long; tokenizer "
                + "'ggml-vocab-llama-spm'"), message);
        assertEquals(2, client.count(CountRequest.newBuilder().setTokenizer("llama-3.1").setText("still up")
                .setAddSpecialTokens(false).build()).getCount());
    }

    @Test
    void aRunAtTheGuardLimitIsAnsweredExactly() {
        // Qwen2.5's vocabulary spells every run of 1 to 128 spaces as one token: "a", the run less its last space
        // in pieces of 128, " b". Checked against Encode on short runs, then counted at the limit.
        for (int n : new int[] {2, 129, 130, 128 * 40 + 7}) {
            String text = "a" + " ".repeat(n) + "b";
            int whole = client.encode(EncodeRequest.newBuilder().setTokenizer("qwen2.5").setText(text)
                    .setAddSpecialTokens(false).build()).getCount();
            assertEquals(runCount(n), whole, "qwen2.5 on a run of " + n);
        }
        String atLimit = "a" + " ".repeat(WhitespaceRunGuard.MAX_RUN) + "b";
        assertEquals(runCount(WhitespaceRunGuard.MAX_RUN), client.count(CountRequest.newBuilder()
                .setTokenizer("qwen2.5").setText(atLimit).setAddSpecialTokens(false).build()).getCount());
    }

    private static int runCount(int spaces) {
        return 2 + (spaces - 1 + 127) / 128;
    }

    private static StatusRuntimeException status(Status.Code code, org.junit.jupiter.api.function.Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), String.valueOf(e.getStatus().getDescription()));
        return e;
    }
}
