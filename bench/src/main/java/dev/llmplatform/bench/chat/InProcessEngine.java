package dev.llmplatform.bench.chat;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.llmplatform.chatprompt.ChatPromptBuilder;
import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.gguf.GgufTokenizer;
import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.engine.EngineRequest;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.Piece;
import dev.llmplatform.inference.engine.PieceIds;
import dev.llmplatform.inference.engine.PromptCache;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.TokenStream;
import dev.llmplatform.inference.engine.llama.FlashAttentionDefault;
import dev.llmplatform.inference.engine.llama.LlamaModelParameters;
import dev.llmplatform.inference.engine.llama.LlamaTextEngine;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.StreamResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The baseline: the model in this JVM through the inference service's own engine code ({@code llama-engine}: slot
 * pinning and clearing, receive turns) with the parameters the service loads it with ({@link LlamaModelParameters};
 * flash attention only when {@code LLM_FLASH_ATTENTION=true} as on the service's CPU path, llama.cpp's log paused
 * as by the service's default), the service's prompt cache and slot choice ({@link PromptCache}), the service's default sampling
 * parameters, and the chat built by the service's own {@link ChatPromptBuilder} (the model's template, or the plain
 * message text when the model has none) and sent as token ids. What the service adds on top (gRPC, validation,
 * scheduling threads) is what the ratio against this baseline measures.
 *
 * <p>After {@link #close()} a native non-daemon thread keeps the JVM alive: the program must end with
 * {@code System.exit} (see ENGINE-NOTES).
 */
final class InProcessEngine implements AutoCloseable {

    private final TextEngine engine;
    private final ChatPromptBuilder prompts;
    private final PromptCache slots;
    private final PieceIds pieces;

    /** @param policy the prompt-cache policy, as the service's ({@code LLM_PROMPT_CACHE}, {@code _CELLS}) */
    InProcessEngine(Path gguf, int contextPerSlot, int slots, int threads, PromptCache.Policy policy) {
        try {
            this.prompts = ChatPromptBuilder.of(GgufFile.read(gguf));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + gguf, e);
        }
        GgufTokenizer tokenizer = prompts.tokenizer();
        this.pieces = PieceIds.of(IntStream.range(0, tokenizer.vocabSize()).mapToObj(tokenizer::piece).toList(),
                tokenizer.vocabulary().tokenTypes());
        this.slots = new PromptCache(slots, policy);
        ModelParameters parameters = LlamaModelParameters.of(gguf, contextPerSlot, slots, threads, 0, flashAttention(),
                false);
        engine = new LlamaTextEngine(new LlamaModel(parameters), new ModelFacts(gguf.getFileName().toString(),
                contextPerSlot, slots, prompts.templated(), false, -1, 0, 0), policy.enabled());
    }

    /** Whether the service uses flash attention on the CPU, as {@code LLM_FLASH_ATTENTION} (if set) decides. */
    static boolean flashAttention() {
        Optional<Boolean> configured = Optional.ofNullable(System.getenv("LLM_FLASH_ATTENTION"))
                .filter(value -> !value.isBlank()).map(Boolean::parseBoolean);
        return FlashAttentionDefault.choose(configured, 0);
    }

    /** Generates one single-message chat in the slot the prompt cache chooses, timing it like a streaming client. */
    StreamResult stream(ChatRequest chat) {
        return stream(List.of(Map.of("role", "user", "content", chat.prompt())), chat);
    }

    /**
     * Generates a chat of several messages (the sampling of {@code chat}, its prompt ignored) in the slot the prompt
     * cache chooses, as the service does: the slot handed back with what it holds, the slots the policy drops cleared.
     */
    StreamResult stream(List<Map<String, String>> messages, ChatRequest chat) {
        long start = System.nanoTime();
        int[] prompt = prompts.build(messages, null, true, null).ids();
        PromptCache.Lease lease;
        try {
            lease = slots.lease(prompt, chat.maxTokens());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StreamResult.failed("interrupted", System.nanoTime() - start);
        }
        // the service's defaults for what the bench's requests leave unset: top_p 0.95, top_k 40, min_p 0.05, no
        // repeat penalty
        TokenStream stream = engine.start(new EngineRequest(new EnginePrompt.Tokens(prompt), chat.maxTokens(),
                (float) chat.temperature(), 0.95f, 40, 0.05f, 1.0f, chat.seed()), lease.slot());
        long ttft = -1;
        int tokens = 0;
        StringBuilder text = new StringBuilder();
        PieceIds.Trail trail = pieces.trail();
        for (Piece piece = stream.next(); piece != null; piece = stream.next()) {
            if (piece.token()) {
                tokens++;
                trail.add(piece.text());
            }
            if (!piece.text().isEmpty()) {
                ttft = ttft < 0 ? System.nanoTime() - start : ttft;
                text.append(piece.text());
            }
        }
        long end = System.nanoTime();
        for (int slot : slots.release(lease, trail.held(prompt, tokens), prompt.length)) {
            engine.clear(slot);
            slots.cleared(slot);
        }
        return new StreamResult(StreamResult.Outcome.COMPLETED, "", ttft, end - start, tokens, text.toString(), 0,
                "");
    }

    @Override
    public void close() {
        engine.close();
    }
}
