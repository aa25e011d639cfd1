package dev.llmplatform.tokenizer.grpc;

import dev.llmplatform.proto.tokenizer.v1.CompareRequest;
import dev.llmplatform.proto.tokenizer.v1.CountBatchRequest;
import dev.llmplatform.proto.tokenizer.v1.CountRequest;
import dev.llmplatform.proto.tokenizer.v1.DecodeRequest;
import dev.llmplatform.proto.tokenizer.v1.EncodeRequest;
import dev.llmplatform.proto.tokenizer.v1.EstimateCostRequest;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyRequest;
import dev.llmplatform.tokenizer.TokenizersConfig;
import dev.llmplatform.tokenizer.engine.TextIndex;
import dev.llmplatform.tokenizer.error.InvalidRequestException;
import dev.llmplatform.tokenizer.error.TextTooLargeException;
import dev.llmplatform.tokenizer.registry.TokenizerNames;
import dev.llmplatform.tokenizer.service.CompareCommand;
import dev.llmplatform.tokenizer.service.CountCommand;
import dev.llmplatform.tokenizer.service.DecodeCommand;
import dev.llmplatform.tokenizer.service.EncodeCommand;
import dev.llmplatform.tokenizer.service.LanguageCommand;
import dev.llmplatform.tokenizer.service.ParallelText;
import dev.llmplatform.tokenizer.service.cost.ChatMessage;
import dev.llmplatform.tokenizer.service.cost.CostCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns raw protobuf requests into validated commands, enforcing the configured limits. */
public final class RequestValidator {

    private static final List<String> ROLES = List.of("system", "user", "assistant");

    private final long maxTextBytes;
    private final long maxEncodeBytes;
    private final int maxBatchTexts;
    private final int maxTokenizers;
    private final int maxDecodeIds;

    /** A validator with the limits of {@code config}. */
    public RequestValidator(TokenizersConfig config) {
        this(config.maxTextBytes(), config.maxEncodeBytes(), config.maxBatchTexts(), config.maxTokenizersPerRequest(),
                config.maxDecodeIds());
    }

    /** A validator with explicit limits, Encode taking texts as long as the other calls. */
    public RequestValidator(long maxTextBytes, int maxBatchTexts, int maxTokenizers, int maxDecodeIds) {
        this(maxTextBytes, maxTextBytes, maxBatchTexts, maxTokenizers, maxDecodeIds);
    }

    /** A validator with explicit limits. */
    public RequestValidator(long maxTextBytes, long maxEncodeBytes, int maxBatchTexts, int maxTokenizers,
            int maxDecodeIds) {
        this.maxTextBytes = maxTextBytes;
        this.maxEncodeBytes = Math.min(maxEncodeBytes, maxTextBytes);
        this.maxBatchTexts = maxBatchTexts;
        this.maxTokenizers = maxTokenizers;
        this.maxDecodeIds = maxDecodeIds;
    }

    /**
     * Validates an Encode request: its answer carries every token with its string and offsets, so its text is
     * bounded by the smaller {@code tokenizers.max-encode-bytes}.
     */
    public EncodeCommand encode(EncodeRequest request) {
        String name = TokenizerNames.validate(request.getTokenizer());
        long bytes = TextIndex.utf8Length(request.getText());
        if (bytes > maxEncodeBytes && maxEncodeBytes < maxTextBytes) {
            throw new TextTooLargeException("text", bytes, maxEncodeBytes, " for Encode, whose answer lists every "
                    + "token with its offsets; Count takes texts up to " + maxTextBytes + " bytes");
        }
        String text = text("text", request.getText());
        Optional<Boolean> add = request.hasAddSpecialTokens() ? Optional.of(request.getAddSpecialTokens())
                : Optional.empty();
        return new EncodeCommand(name, text, add, request.getParseSpecialTokens());
    }

    /** Validates a Decode request. */
    public DecodeCommand decode(DecodeRequest request) {
        String name = TokenizerNames.validate(request.getTokenizer());
        if (request.getIdsCount() > maxDecodeIds) {
            throw new InvalidRequestException("ids has " + request.getIdsCount() + " entries; the maximum is "
                    + maxDecodeIds);
        }
        int[] ids = new int[request.getIdsCount()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = request.getIds(i);
            if (ids[i] < 0) {
                throw new InvalidRequestException("id " + ids[i] + " at position " + i + " is negative");
            }
        }
        return new DecodeCommand(name, ids, request.getSkipSpecialTokens());
    }

    /** Validates a Count request. */
    public CountCommand count(CountRequest request) {
        String name = TokenizerNames.validate(request.getTokenizer());
        String text = text("text", request.getText());
        return new CountCommand(name, List.of(text), request.hasAddSpecialTokens()
                ? Optional.of(request.getAddSpecialTokens()) : Optional.empty());
    }

    /** Validates a CountBatch request: at most the configured number of texts, together within the size limit. */
    public CountCommand countBatch(CountBatchRequest request) {
        String name = TokenizerNames.validate(request.getTokenizer());
        if (request.getTextsCount() > maxBatchTexts) {
            throw new InvalidRequestException("texts has " + request.getTextsCount() + " entries; the maximum is "
                    + maxBatchTexts);
        }
        long total = 0;
        List<String> texts = new ArrayList<>(request.getTextsCount());
        for (String text : request.getTextsList()) {
            total += TextIndex.utf8Length(text);
            texts.add(TextIndex.withoutLoneSurrogates(text));
        }
        if (total > maxTextBytes) {
            throw new TextTooLargeException("the batch", total, maxTextBytes);
        }
        return new CountCommand(name, texts, request.hasAddSpecialTokens()
                ? Optional.of(request.getAddSpecialTokens()) : Optional.empty());
    }

    /** Validates a Compare request: at least one tokenizer. */
    public CompareCommand compare(CompareRequest request) {
        if (request.getTokenizersCount() == 0) {
            throw new InvalidRequestException("tokenizers is empty; name at least one tokenizer");
        }
        return new CompareCommand(text("text", request.getText()), names(request.getTokenizersList()));
    }

    /** Validates a LanguageEfficiency request: both texts or neither. */
    public LanguageCommand languageEfficiency(LanguageEfficiencyRequest request) {
        boolean spanish = !request.getSpanish().isEmpty();
        boolean english = !request.getEnglish().isEmpty();
        if (spanish != english) {
            throw new InvalidRequestException("give both spanish and english, or neither for the built-in sample");
        }
        Optional<ParallelText> pair = Optional.empty();
        if (spanish) {
            long total = TextIndex.utf8Length(request.getSpanish()) + TextIndex.utf8Length(request.getEnglish());
            if (total > maxTextBytes) {
                throw new TextTooLargeException("spanish plus english", total, maxTextBytes);
            }
            pair = Optional.of(new ParallelText(TextIndex.withoutLoneSurrogates(request.getSpanish()),
                    TextIndex.withoutLoneSurrogates(request.getEnglish())));
        }
        return new LanguageCommand(pair, names(request.getTokenizersList()));
    }

    /** Validates an EstimateCost request: a model, at least one message with a known role, a sane answer size. */
    public CostCommand cost(EstimateCostRequest request) {
        if (request.getModel().isBlank()) {
            throw new InvalidRequestException("model is empty");
        }
        if (request.getMessagesCount() == 0) {
            throw new InvalidRequestException("messages is empty; send at least one message");
        }
        if (request.getMaxOutputTokens() < 0) {
            throw new InvalidRequestException("max_output_tokens is " + request.getMaxOutputTokens()
                    + "; it must be >= 0 (0 means all the room left)");
        }
        long total = 0;
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < request.getMessagesCount(); i++) {
            var message = request.getMessages(i);
            if (!ROLES.contains(message.getRole())) {
                throw new InvalidRequestException("messages[" + i + "].role must be one of " + ROLES);
            }
            total += TextIndex.utf8Length(message.getContent());
            messages.add(new ChatMessage(message.getRole(), TextIndex.withoutLoneSurrogates(message.getContent())));
        }
        if (total > maxTextBytes) {
            throw new TextTooLargeException("the messages", total, maxTextBytes);
        }
        return new CostCommand(request.getModel(), messages, request.getMaxOutputTokens());
    }

    /** Checks a text against the size limit and replaces lone surrogates. */
    public String text(String field, String text) {
        long bytes = TextIndex.utf8Length(text);
        if (bytes > maxTextBytes) {
            throw new TextTooLargeException(field, bytes, maxTextBytes);
        }
        return TextIndex.withoutLoneSurrogates(text);
    }

    private List<String> names(List<String> names) {
        if (names.size() > maxTokenizers) {
            throw new InvalidRequestException("tokenizers has " + names.size() + " entries; the maximum is "
                    + maxTokenizers);
        }
        return names.stream().map(TokenizerNames::validate).toList();
    }
}
