package dev.llmplatform.inference.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A scripted engine for tests: tokenizes one token per character (special strings such as {@code </s>} count as one
 * token, like a real vocabulary would parse them), and generates the scripted pieces, one token each, then a closing
 * output. It records the requests, the slot each started in, cancellation and the slots cleared.
 */
public final class FakeTextEngine implements TextEngine {

    private final ModelFacts facts;
    private final List<String> script;
    private final AtomicInteger cancelled = new AtomicInteger();
    private final List<Integer> cleared = new ArrayList<>();
    private final List<Integer> slots = new ArrayList<>();
    private volatile CountDownLatch gate;
    private volatile RuntimeException failAfterFirst;
    private volatile long pauseNanos;
    private final List<EngineRequest> requests = new ArrayList<>();

    /** An engine with a 64-token slot, no template, BOS added. */
    public FakeTextEngine(List<String> script) {
        this(new ModelFacts("fake", 64, 1, false, true, 1, 1000, 0), script);
    }

    /** An engine with the given facts. */
    public FakeTextEngine(ModelFacts facts, List<String> script) {
        this.facts = facts;
        this.script = List.copyOf(script);
    }

    /** Makes every piece after the first wait for the latch. */
    public FakeTextEngine gated(CountDownLatch latch) {
        this.gate = latch;
        return this;
    }

    /** Makes every piece after the first take {@code perToken}, like a slow model. */
    public FakeTextEngine paced(Duration perToken) {
        this.pauseNanos = perToken.toNanos();
        return this;
    }

    /** Makes the engine throw after the first piece. */
    public FakeTextEngine failingAfterFirst(RuntimeException failure) {
        this.failAfterFirst = failure;
        return this;
    }

    /** How many streams were cancelled. */
    public int cancelled() {
        return cancelled.get();
    }

    /** The slot each request started in, in the order of {@link #requests()}. */
    public synchronized List<Integer> slots() {
        return List.copyOf(slots);
    }

    /** Requests the engine saw. */
    public synchronized List<EngineRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public ModelFacts facts() {
        return facts;
    }

    @Override
    public int[] tokenize(String text) {
        String marked = text.replace("</s>", "\u0001").replace("<s>", "\u0002");
        return marked.chars().map(c -> c == 1 ? 2 : c == 2 ? 1 : 100 + c).toArray();
    }

    @Override
    public String tokenText(int id) {
        return id == 1 ? "<s>" : id == 2 ? "</s>" : String.valueOf((char) (id - 100));
    }

    /** A unit vector of the model's width made from the text's characters, the same for the same text. */
    @Override
    public float[] embed(String text) {
        if (!facts.embeds()) {
            throw new IllegalStateException("the fake model generates");
        }
        float[] vector = new float[facts.embeddingLength()];
        for (int i = 0; i < text.length(); i++) {
            vector[(text.charAt(i) + i) % vector.length] += 1f;
        }
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / Math.sqrt(norm));
        }
        return vector;
    }

    @Override
    public synchronized TokenStream start(EngineRequest request, int slot) {
        if (slot < 0 || slot >= facts.slots()) {
            throw new IllegalArgumentException("slot " + slot + " is outside 0.." + (facts.slots() - 1));
        }
        requests.add(request);
        slots.add(slot);
        return new TokenStream() {
            private int next;
            private boolean done;

            @Override
            public Piece next() {
                if (done) {
                    return null;
                }
                if (next > 0 && failAfterFirst != null) {
                    done = true;
                    throw failAfterFirst;
                }
                if (next > 0 && gate != null) {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (next > 0 && pauseNanos > 0) {
                    LockSupport.parkNanos(pauseNanos);
                }
                int limit = Math.min(script.size(), request.maxTokens());
                if (next < limit) {
                    return new Piece(script.get(next++), true);
                }
                done = true;
                return new Piece("", false);
            }

            @Override
            public void cancel() {
                done = true;
                cancelled.incrementAndGet();
            }

        };
    }

    @Override
    public synchronized void clear(int slot) {
        cleared.add(slot);
    }

    /** The slots cleared, in order. */
    public synchronized List<Integer> cleared() {
        return List.copyOf(cleared);
    }

    @Override
    public void close() {
    }
}
