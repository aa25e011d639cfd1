package dev.llmplatform.tokenizer.service;

import dev.llmplatform.tokenizer.engine.EncodedText;
import dev.llmplatform.tokenizer.engine.TokenizerDescriptor;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.error.InvalidRequestException;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import java.util.List;

/** Encode, decode, count and list over the registry. Blocking: call from worker threads. */
public final class TokenizationService {

    private final TokenizerRegistry registry;

    /** A service over {@code registry}. */
    public TokenizationService(TokenizerRegistry registry) {
        this.registry = registry;
    }

    /** Tokenizes one text. */
    public EncodedText encode(EncodeCommand command) {
        TokenizerEngine engine = registry.get(command.tokenizer());
        boolean addSpecial = command.addSpecial().orElse(engine.addsSpecialTokensByDefault());
        return engine.encode(command.text(), addSpecial, command.parseSpecial());
    }

    /** Turns ids back into text. */
    public String decode(DecodeCommand command) {
        TokenizerEngine engine = registry.get(command.tokenizer());
        try {
            return engine.decode(command.ids(), command.skipSpecial());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /** Counts each text (special-token strings as literal text). */
    public int[] count(CountCommand command) {
        TokenizerEngine engine = registry.get(command.tokenizer());
        boolean addSpecial = command.addSpecial().orElse(engine.addsSpecialTokensByDefault());
        if (command.texts().size() == 1) {
            return new int[] {engine.count(command.texts().get(0), addSpecial)};
        }
        return engine.countBatch(command.texts(), addSpecial);
    }

    /** Every served tokenizer's properties, sorted by name. */
    public List<TokenizerDescriptor> list() {
        return registry.describeAll();
    }

    /** Counts a text with no special tokens added (for comparisons). */
    int countPlain(String tokenizer, String text) {
        return registry.get(tokenizer).count(text, false);
    }

    /** The served tokenizer names. */
    List<String> names() {
        return registry.names();
    }
}
