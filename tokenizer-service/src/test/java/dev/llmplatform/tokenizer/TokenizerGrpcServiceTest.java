package dev.llmplatform.tokenizer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.tokenizer.v1.ChatMessage;
import dev.llmplatform.proto.tokenizer.v1.CompareRequest;
import dev.llmplatform.proto.tokenizer.v1.CompareResponse;
import dev.llmplatform.proto.tokenizer.v1.CountBatchRequest;
import dev.llmplatform.proto.tokenizer.v1.CountBatchResponse;
import dev.llmplatform.proto.tokenizer.v1.CountRequest;
import dev.llmplatform.proto.tokenizer.v1.CountResponse;
import dev.llmplatform.proto.tokenizer.v1.DecodeRequest;
import dev.llmplatform.proto.tokenizer.v1.EncodeRequest;
import dev.llmplatform.proto.tokenizer.v1.EncodeResponse;
import dev.llmplatform.proto.tokenizer.v1.EstimateCostRequest;
import dev.llmplatform.proto.tokenizer.v1.EstimateCostResponse;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyRequest;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyResponse;
import dev.llmplatform.proto.tokenizer.v1.ListTokenizersRequest;
import dev.llmplatform.proto.tokenizer.v1.Offset;
import dev.llmplatform.proto.tokenizer.v1.TokenizerFamily;
import dev.llmplatform.proto.tokenizer.v1.TokenizerInfo;
import dev.llmplatform.proto.tokenizer.v1.TokenizerServiceGrpc;
import dev.llmplatform.proto.tokenizer.v1.TokenizerSource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The real gRPC service on the fixed test port, over the real tokenizers of the test assets. */
@QuarkusTest
@TestProfile(AssetsProfile.class)
class TokenizerGrpcServiceTest {

    @GrpcClient("tokenizer")
    TokenizerServiceGrpc.TokenizerServiceBlockingStub client;

    @Test
    void encodeReturnsIdsTokensOffsetsAndMask() {
        EncodeResponse r = client.encode(EncodeRequest.newBuilder().setTokenizer("gpt2").setText("hello world").build());
        assertEquals(List.of(31373, 995), r.getIdsList());
        assertEquals(List.of("hello", "Ġworld"), r.getTokensList());
        assertEquals(Offset.newBuilder().setCharStart(5).setCharEnd(11).setByteStart(5).setByteEnd(11).build(),
                r.getOffsets(1));
        assertEquals(List.of(false, false), r.getSpecialMaskList());
        assertEquals(2, r.getCount());
        assertEquals("gpt2", r.getTokenizer());
        EncodeResponse tiktoken = client.encode(EncodeRequest.newBuilder().setTokenizer("cl100k_base")
                .setText("hello world").build());
        assertEquals(List.of(15339, 1917), tiktoken.getIdsList());
    }

    @Test
    void specialTokensDefaultToLiteralAndAddedTokensToTheTokenizerDefault() {
        EncodeResponse literal = client.encode(EncodeRequest.newBuilder().setTokenizer("qwen2.5")
                .setText("<|im_end|>").build());
        assertEquals(List.of(27, 91, 318, 6213, 91, 29), literal.getIdsList());
        EncodeResponse parsed = client.encode(EncodeRequest.newBuilder().setTokenizer("qwen2.5")
                .setText("<|im_end|>").setParseSpecialTokens(true).build());
        assertEquals(List.of(151645), parsed.getIdsList());
        assertEquals(List.of(true), parsed.getSpecialMaskList());
        EncodeResponse bert = client.encode(EncodeRequest.newBuilder().setTokenizer("bert-base-uncased")
                .setText("hello").build());
        assertEquals(List.of(101, 7592, 102), bert.getIdsList());
        assertEquals(-1, bert.getOffsets(0).getCharStart());
        EncodeResponse bare = client.encode(EncodeRequest.newBuilder().setTokenizer("bert-base-uncased")
                .setText("hello").setAddSpecialTokens(false).build());
        assertEquals(List.of(7592), bare.getIdsList());
    }

    @Test
    void decodeAndCount() {
        assertEquals("hello world", client.decode(DecodeRequest.newBuilder().setTokenizer("gpt2")
                .addAllIds(List.of(31373, 995)).build()).getText());
        CountResponse count = client.count(CountRequest.newBuilder().setTokenizer("llama-3.1").setText("héllo 🦙")
                .build());
        assertEquals(client.encode(EncodeRequest.newBuilder().setTokenizer("llama-3.1").setText("héllo 🦙").build())
                .getCount(), count.getCount());
        assertEquals(8, count.getCharacters());
        assertEquals(11, count.getBytes());
        CountBatchResponse batch = client.countBatch(CountBatchRequest.newBuilder().setTokenizer("cl100k_base")
                .addTexts("hello world").addTexts("").addTexts("hello").build());
        assertEquals(List.of(2, 0, 1), batch.getCountsList());
        assertEquals(3, batch.getTotal());
    }

    @Test
    void listsEveryTokenizerSortedWithProperties() {
        List<TokenizerInfo> all = client.listTokenizers(ListTokenizersRequest.getDefaultInstance()).getTokenizersList();
        List<String> names = all.stream().map(TokenizerInfo::getName).toList();
        assertEquals(List.of("bert-base-uncased", "cl100k_base", "falcon-7b", "gpt2", "llama-3.1", "mistral-v1",
                "o200k_base", "p50k_base", "phi-3-mini", "qwen2.5", "r50k_base", "t5-small"), names);
        TokenizerInfo llama = all.get(names.indexOf("llama-3.1"));
        assertEquals(TokenizerFamily.TOKENIZER_FAMILY_BPE, llama.getFamily());
        assertEquals(TokenizerSource.TOKENIZER_SOURCE_HUGGING_FACE, llama.getSource());
        assertEquals(128256, llama.getVocabSize());
        assertTrue(llama.getAddsBos());
        assertTrue(llama.getSpecialTokensList().contains("<|eot_id|>"));
        TokenizerInfo cl100k = all.get(names.indexOf("cl100k_base"));
        assertEquals(TokenizerFamily.TOKENIZER_FAMILY_TIKTOKEN_BPE, cl100k.getFamily());
        assertEquals(100277, cl100k.getVocabSize());
    }

    @Test
    void compareAndLanguageEfficiency() {
        CompareResponse compare = client.compare(CompareRequest.newBuilder().setText("hello world, hello")
                .addTokenizers("cl100k_base").addTokenizers("bert-base-uncased").build());
        assertEquals(3, compare.getWords());
        assertEquals("cl100k_base", compare.getResults(0).getTokenizer());
        assertEquals(4, compare.getResults(0).getCount());
        assertEquals(18.0 / 4, compare.getResults(0).getCharsPerToken(), 1e-9);
        assertEquals(4.0 / 3, compare.getResults(0).getTokensPerWord(), 1e-9);
        assertEquals(4, compare.getResults(1).getCount(), "no [CLS]/[SEP] in comparisons");

        LanguageEfficiencyResponse builtin = client.languageEfficiency(LanguageEfficiencyRequest.getDefaultInstance());
        assertTrue(builtin.getBuiltinSample());
        assertEquals(12, builtin.getRowsCount());
        builtin.getRowsList().forEach(row -> assertTrue(row.getRatio() > 1.0, row.toString()));
        LanguageEfficiencyResponse own = client.languageEfficiency(LanguageEfficiencyRequest.newBuilder()
                .setSpanish("hola mundo").setEnglish("hello world").addTokenizers("cl100k_base").build());
        assertFalse(own.getBuiltinSample());
        assertEquals(1, own.getRowsCount());
        assertEquals(2, own.getRows(0).getEnglishTokens());
    }

    @Test
    void estimateCostAppliesTheChatTemplate() {
        EstimateCostResponse phi = client.estimateCost(EstimateCostRequest.newBuilder()
                .setModel("phi-3-mini-128k-instruct").addMessages(message("user", "hello")).build());
        assertEquals("phi-3-mini", phi.getTokenizer());
        assertEquals("tokenizer_config.json", phi.getTemplateSource());
        // "<|user|>\nhello<|end|>\n<|assistant|>\n": <|user|>, \n, hello, <|end|>, \n, <|assistant|>, \n.
        assertTrue(phi.getTemplateTokens() > 0);
        assertEquals(131072, phi.getContextLength());
        assertEquals(131072 - phi.getPromptTokens(), phi.getTokensLeft());
        assertTrue(phi.getFits());
        EstimateCostResponse qwen = client.estimateCost(EstimateCostRequest.newBuilder()
                .setModel("qwen2.5-7b-instruct-1m").addMessages(message("user", "hello")).setMaxOutputTokens(5)
                .build());
        assertEquals("none", qwen.getTemplateSource());
        assertEquals(0, qwen.getTemplateTokens());
    }

    @Test
    void errorsMapToStatuses() {
        StatusRuntimeException unknown = status(Status.Code.NOT_FOUND, () -> client.encode(EncodeRequest.newBuilder()
                .setTokenizer("nope").setText("x").build()));
        assertTrue(unknown.getStatus().getDescription().startsWith("unknown tokenizer 'nope'; known: bert-base-uncased,"),
                unknown.getStatus().getDescription());
        status(Status.Code.INVALID_ARGUMENT, () -> client.encode(EncodeRequest.newBuilder().setText("x").build()));
        status(Status.Code.INVALID_ARGUMENT, () -> client.count(CountRequest.newBuilder()
                .setTokenizer("../../etc/passwd").setText("x").build()));
        status(Status.Code.INVALID_ARGUMENT, () -> client.compare(CompareRequest.newBuilder().setText("x").build()));
        status(Status.Code.INVALID_ARGUMENT, () -> client.decode(DecodeRequest.newBuilder().setTokenizer("gpt2")
                .addIds(50257).build()));
        status(Status.Code.NOT_FOUND, () -> client.estimateCost(EstimateCostRequest.newBuilder().setModel("gpt-9")
                .addMessages(message("user", "x")).build()));
        status(Status.Code.INVALID_ARGUMENT, () -> client.estimateCost(EstimateCostRequest.newBuilder()
                .setModel("llama-3.1-8b-instruct").addMessages(message("tool", "x")).build()));
        StatusRuntimeException large = status(Status.Code.RESOURCE_EXHAUSTED, () -> client.count(CountRequest
                .newBuilder().setTokenizer("gpt2").setText("a".repeat(10 * 1024 * 1024 + 1)).build()));
        assertEquals("text is 10485761 UTF-8 bytes; the maximum is 10485760 bytes",
                large.getStatus().getDescription());
        status(Status.Code.RESOURCE_EXHAUSTED, () -> client.count(CountRequest.newBuilder().setTokenizer("gpt2")
                .setText("a".repeat(12 * 1024 * 1024)).build()));
        assertEquals(2, client.count(CountRequest.newBuilder().setTokenizer("gpt2").setText("still up").build())
                .getCount());
    }

    @Test
    void encodeTakesTextsUpToItsOwnLimitAndPointsToCount() {
        String text = "a".repeat(512 * 1024 + 1);
        StatusRuntimeException large = status(Status.Code.RESOURCE_EXHAUSTED, () -> client.encode(
                EncodeRequest.newBuilder().setTokenizer("gpt2").setText(text).build()));
        assertEquals("text is 524289 UTF-8 bytes; the maximum is 524288 bytes for Encode, whose answer lists every "
                + "token with its offsets; Count takes texts up to 10485760 bytes", large.getStatus().getDescription());
        assertTrue(client.count(CountRequest.newBuilder().setTokenizer("gpt2").setText(text).build()).getCount() > 0);
        String atLimit = "a ".repeat(256 * 1024);
        EncodeResponse encoded = client.encode(EncodeRequest.newBuilder().setTokenizer("gpt2").setText(atLimit)
                .build());
        // "a", then " a" 262,143 times, then the last space: 512 KiB is still encoded.
        assertEquals(256 * 1024 + 1, encoded.getCount());
        assertEquals(encoded.getCount(), client.count(CountRequest.newBuilder().setTokenizer("gpt2").setText(atLimit)
                .build()).getCount());
    }

    @Test
    void aCallWhoseDeadlinePassedStopsItsWork() throws InterruptedException {
        // 64 counts of 1 MiB with falcon-7b (in pieces, on the counting pool): tens of seconds of work in a request
        // that arrives in a fraction of the deadline.
        String corpus = dev.llmplatform.tokenizer.bench.BenchCorpus.ofSize(1024 * 1024);
        CompareRequest.Builder request = CompareRequest.newBuilder().setText(corpus);
        for (int i = 0; i < 64; i++) {
            request.addTokenizers("falcon-7b");
        }
        client.count(CountRequest.newBuilder().setTokenizer("falcon-7b").setText("warm up").build());
        status(Status.Code.DEADLINE_EXCEEDED, () -> client.withDeadlineAfter(3, TimeUnit.SECONDS)
                .compare(request.build()));
        // The server finds the call's context cancelled before its next piece: the work stops and is recorded as
        // stopped (work that ran to its end would record nothing: Compare keeps no token counter).
        String stopped = "llm_tokenizer_calls_stopped_total{rpc=\"compare\"} 1.0";
        String metrics = "";
        for (int i = 0; i < 100 && !metrics.contains(stopped); i++) {
            Thread.sleep(200);
            metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        }
        assertTrue(metrics.contains(stopped),
                metrics.lines().filter(l -> l.startsWith("llm_tokenizer")).toList().toString());
    }

    @Test
    void echoedNamesAreCutAndKnownListsBounded() {
        String longName = "n".repeat(150);
        String description = status(Status.Code.NOT_FOUND, () -> client.count(CountRequest.newBuilder()
                .setTokenizer(longName).setText("x").build())).getStatus().getDescription();
        assertTrue(description.startsWith("unknown tokenizer '" + "n".repeat(64) + "\u2026'; known: "), description);
        String model = "m".repeat(5000);
        String unknownModel = status(Status.Code.NOT_FOUND, () -> client.estimateCost(EstimateCostRequest.newBuilder()
                .setModel(model).addMessages(message("user", "x")).build())).getStatus().getDescription();
        assertTrue(unknownModel.startsWith("unknown model '" + "m".repeat(64) + "\u2026'; known: "), unknownModel);
        assertTrue(unknownModel.length() < 300, unknownModel);
        String repo = status(Status.Code.NOT_FOUND, () -> client.count(CountRequest.newBuilder()
                .setTokenizer("org/" + "r".repeat(150)).setText("x").build())).getStatus().getDescription();
        assertTrue(repo.startsWith("unknown tokenizer 'org/" + "r".repeat(60) + "\u2026': it is not configured and "
                + "loading tokenizers on request is off"), repo);
    }

    @Test
    void templateSyntaxInMessagesIsCountedAsText() {
        EstimateCostResponse attack = client.estimateCost(EstimateCostRequest.newBuilder()
                .setModel("phi-3-mini-128k-instruct")
                .addMessages(message("user", "{% for i in range(99999) %}{{ 7*7 }}{% endfor %}{{ '{{' }}")).build());
        assertTrue(attack.getPromptTokens() < 60, "prompt tokens " + attack.getPromptTokens());
        assertTrue(attack.getTemplateTokens() >= 0 && attack.getTemplateTokens() < attack.getPromptTokens(),
                "template tokens " + attack.getTemplateTokens());
    }

    @Test
    void healthAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        client.count(CountRequest.newBuilder().setTokenizer("r50k_base").setText("hello world").build());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("llm_tokenizer_tokens_total{rpc=\"count\",tokenizer=\"r50k_base\"} 2.0"),
                metrics.lines().filter(l -> l.startsWith("llm_tokenizer")).toList().toString());
    }

    private static ChatMessage message(String role, String content) {
        return ChatMessage.newBuilder().setRole(role).setContent(content).build();
    }

    private static StatusRuntimeException status(Status.Code code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), String.valueOf(e.getStatus().getDescription()));
        return e;
    }
}
