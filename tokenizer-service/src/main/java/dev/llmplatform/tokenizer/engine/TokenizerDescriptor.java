package dev.llmplatform.tokenizer.engine;

import java.util.List;
import java.util.Optional;

/**
 * The properties of one loaded tokenizer.
 *
 * @param name the name clients use
 * @param family algorithm family
 * @param origin where it was loaded from
 * @param vocabSize vocabulary entries, added tokens included
 * @param specialTokens the special (control) token strings
 * @param maxLength declared maximum sequence length, 0 when not declared
 * @param addsBos whether encoding with the default settings adds a beginning-of-sequence token
 * @param addsEos whether encoding with the default settings adds an end-of-sequence token
 * @param chatTemplate the chat template shipped with the tokenizer, if any
 */
public record TokenizerDescriptor(String name, TokenizerFamily family, TokenizerOrigin origin, int vocabSize,
        List<String> specialTokens, long maxLength, boolean addsBos, boolean addsEos,
        Optional<ChatTemplateSource> chatTemplate) {

    public TokenizerDescriptor {
        specialTokens = List.copyOf(specialTokens);
    }
}
