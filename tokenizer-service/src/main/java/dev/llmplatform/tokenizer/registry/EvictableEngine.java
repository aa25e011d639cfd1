package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.engine.EncodedText;
import dev.llmplatform.tokenizer.engine.TokenizerDescriptor;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import java.util.List;
import java.util.function.Supplier;

/**
 * A tokenizer loaded on request that the registry may unload to make room. Every call is counted while it runs;
 * {@link #retire()} closes the tokenizer at once when no call is running, else when the last running call returns,
 * so a native handle is never closed under a call. A call that starts after the close is refused (UNAVAILABLE).
 */
final class EvictableEngine implements TokenizerEngine {

    private final TokenizerEngine delegate;
    private final long estimatedBytes;
    private int running;
    private boolean retired;
    private boolean closed;

    EvictableEngine(TokenizerEngine delegate, long estimatedBytes) {
        this.delegate = delegate;
        this.estimatedBytes = estimatedBytes;
    }

    /** The memory this tokenizer is estimated to take. */
    long estimatedBytes() {
        return estimatedBytes;
    }

    /** Marks it unloaded: it closes now, or when the calls running on it return. */
    void retire() {
        boolean closeNow;
        synchronized (this) {
            retired = true;
            closeNow = running == 0 && !closed;
            closed |= closeNow;
        }
        if (closeNow) {
            delegate.close();
        }
    }

    /** Whether the native resources have been released. */
    synchronized boolean isClosed() {
        return closed;
    }

    private <T> T call(Supplier<T> work) {
        synchronized (this) {
            if (closed) {
                throw new TokenizerUnavailableException(delegate.descriptor().name(),
                        "it was unloaded to make room for other tokenizers; send the request again");
            }
            running++;
        }
        try {
            return work.get();
        } finally {
            boolean closeNow;
            synchronized (this) {
                running--;
                closeNow = retired && running == 0 && !closed;
                closed |= closeNow;
            }
            if (closeNow) {
                delegate.close();
            }
        }
    }

    @Override
    public TokenizerDescriptor descriptor() {
        return delegate.descriptor();
    }

    @Override
    public boolean addsSpecialTokensByDefault() {
        return delegate.addsSpecialTokensByDefault();
    }

    @Override
    public EncodedText encode(String text, boolean addSpecial, boolean parseSpecial) {
        return call(() -> delegate.encode(text, addSpecial, parseSpecial));
    }

    @Override
    public int count(String text, boolean addSpecial) {
        return call(() -> delegate.count(text, addSpecial));
    }

    @Override
    public int countParsingSpecials(String text) {
        return call(() -> delegate.countParsingSpecials(text));
    }

    @Override
    public int[] countBatch(List<String> texts, boolean addSpecial) {
        return call(() -> delegate.countBatch(texts, addSpecial));
    }

    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        return call(() -> delegate.decode(ids, skipSpecial));
    }

    @Override
    public void close() {
        retire();
    }
}
