package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.engine.EncodedText;
import dev.llmplatform.tokenizer.engine.TokenizerDescriptor;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.engine.TokenizerFamily;
import dev.llmplatform.tokenizer.engine.TokenizerOrigin;
import java.util.List;
import java.util.Optional;

/** A fake engine for registry tests: one token per character, and it records whether it was closed. */
class FakeEngine implements TokenizerEngine {

    private final String name;
    volatile boolean closed;

    FakeEngine(String name) {
        this.name = name;
    }

    @Override
    public TokenizerDescriptor descriptor() {
        return new TokenizerDescriptor(name, TokenizerFamily.UNSPECIFIED, TokenizerOrigin.HUGGING_FACE, 65536,
                List.of(), 0, false, false, Optional.empty());
    }

    @Override
    public boolean addsSpecialTokensByDefault() {
        return false;
    }

    @Override
    public EncodedText encode(String text, boolean addSpecial, boolean parseSpecial) {
        int n = text.length();
        int[] ids = text.chars().toArray();
        int[] starts = java.util.stream.IntStream.range(0, n).toArray();
        int[] ends = java.util.stream.IntStream.range(1, n + 1).toArray();
        return new EncodedText(ids, text.chars().mapToObj(c -> String.valueOf((char) c)).toArray(String[]::new),
                starts, ends, starts, ends, new boolean[n]);
    }

    @Override
    public int count(String text, boolean addSpecial) {
        return text.length();
    }

    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        return new String(ids, 0, ids.length);
    }

    @Override
    public void close() {
        closed = true;
    }
}
