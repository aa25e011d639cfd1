package dev.llmplatform.tokenizer.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.tokenizer.v1.ChatMessage;
import dev.llmplatform.proto.tokenizer.v1.CompareRequest;
import dev.llmplatform.proto.tokenizer.v1.CountBatchRequest;
import dev.llmplatform.proto.tokenizer.v1.CountRequest;
import dev.llmplatform.proto.tokenizer.v1.DecodeRequest;
import dev.llmplatform.proto.tokenizer.v1.EncodeRequest;
import dev.llmplatform.proto.tokenizer.v1.EstimateCostRequest;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyRequest;
import dev.llmplatform.tokenizer.error.InvalidRequestException;
import dev.llmplatform.tokenizer.error.TextTooLargeException;
import dev.llmplatform.tokenizer.service.EncodeCommand;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Raw requests to validated commands, with precise messages. */
class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator(10, 3, 2, 4);

    @Test
    void encodeKeepsUnsetAddSpecialTokensUnset() {
        EncodeCommand unset = validator.encode(EncodeRequest.newBuilder().setTokenizer("gpt2").setText("hi").build());
        assertEquals(Optional.empty(), unset.addSpecial());
        EncodeCommand off = validator.encode(EncodeRequest.newBuilder().setTokenizer("gpt2").setText("hi")
                .setAddSpecialTokens(false).setParseSpecialTokens(true).build());
        assertEquals(Optional.of(false), off.addSpecial());
        assertTrue(off.parseSpecial());
    }

    @Test
    void limitsCarryTheNumbers() {
        assertEquals("text is 11 UTF-8 bytes; the maximum is 10 bytes", assertThrows(TextTooLargeException.class,
                () -> validator.encode(EncodeRequest.newBuilder().setTokenizer("gpt2").setText("é".repeat(5) + "a")
                        .build())).getMessage());
        assertEquals("the batch is 12 UTF-8 bytes; the maximum is 10 bytes", assertThrows(TextTooLargeException.class,
                () -> validator.countBatch(CountBatchRequest.newBuilder().setTokenizer("gpt2").addTexts("123456")
                        .addTexts("123456").build())).getMessage());
        assertEquals("texts has 4 entries; the maximum is 3", assertThrows(InvalidRequestException.class,
                () -> validator.countBatch(CountBatchRequest.newBuilder().setTokenizer("gpt2").addTexts("a")
                        .addTexts("b").addTexts("c").addTexts("d").build())).getMessage());
        assertEquals("ids has 5 entries; the maximum is 4", assertThrows(InvalidRequestException.class,
                () -> validator.decode(DecodeRequest.newBuilder().setTokenizer("gpt2").addIds(1).addIds(2).addIds(3)
                        .addIds(4).addIds(5).build())).getMessage());
        assertEquals("id -1 at position 0 is negative", assertThrows(InvalidRequestException.class,
                () -> validator.decode(DecodeRequest.newBuilder().setTokenizer("gpt2").addIds(-1).build()))
                .getMessage());
        RequestValidator smallEncode = new RequestValidator(10, 4, 3, 2, 4);
        assertEquals("text is 5 UTF-8 bytes; the maximum is 4 bytes for Encode, whose answer lists every token with "
                + "its offsets; Count takes texts up to 10 bytes", assertThrows(TextTooLargeException.class,
                        () -> smallEncode.encode(EncodeRequest.newBuilder().setTokenizer("gpt2").setText("abcde")
                                .build())).getMessage());
        assertEquals(1, smallEncode.count(CountRequest.newBuilder().setTokenizer("gpt2").setText("abcde").build())
                .texts().size(), "Count takes it");
        assertEquals("tokenizers has 3 entries; the maximum is 2", assertThrows(InvalidRequestException.class,
                () -> validator.compare(CompareRequest.newBuilder().setText("x").addTokenizers("a").addTokenizers("b")
                        .addTokenizers("c").build())).getMessage());
    }

    @Test
    void languageAndCostRequests() {
        assertThrows(InvalidRequestException.class, () -> validator.languageEfficiency(
                LanguageEfficiencyRequest.newBuilder().setSpanish("hola").build()));
        assertTrue(validator.languageEfficiency(LanguageEfficiencyRequest.getDefaultInstance()).pair().isEmpty());
        assertEquals("messages is empty; send at least one message", assertThrows(InvalidRequestException.class,
                () -> validator.cost(EstimateCostRequest.newBuilder().setModel("m").build())).getMessage());
        assertEquals("max_output_tokens is -1; it must be >= 0 (0 means all the room left)",
                assertThrows(InvalidRequestException.class, () -> validator.cost(EstimateCostRequest.newBuilder()
                        .setModel("m").addMessages(ChatMessage.newBuilder().setRole("user").setContent("x"))
                        .setMaxOutputTokens(-1).build())).getMessage());
        assertEquals("messages[0].role must be one of [system, user, assistant]",
                assertThrows(InvalidRequestException.class, () -> validator.cost(EstimateCostRequest.newBuilder()
                        .setModel("m").addMessages(ChatMessage.newBuilder().setRole("tool").setContent("x"))
                        .build())).getMessage());
    }
}
