package dev.llmplatform.bench.chat;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.llmplatform.chatprompt.ChatPromptBuilder;
import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.engine.EngineRequest;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.Piece;
import dev.llmplatform.inference.engine.SlotIds;
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

/**
 * The baseline: the model in this JVM through the inference service's own engine code ({@code llama-engine}: slot
 * pinning and clearing, receive turns) with the parameters the service loads it with ({@link LlamaModelParameters};
 * flash attention only when {@code LLM_FLASH_ATTENTION=true} as on the service's CPU path, llama.cpp's log paused
 * as by the service's default), no prompt cache, each stream in the lowest free slot, the service's default sampling
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
    private final SlotIds slots;

    InProcessEngine(Path gguf, int contextPerSlot, int slots, int threads) {
        try {
            this.prompts = ChatPromptBuilder.of(GgufFile.read(gguf));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + gguf, e);
        }
        this.slots = new SlotIds(slots);
        ModelParameters parameters = LlamaModelParameters.of(gguf, contextPerSlot, slots, threads, 0, flashAttention(),
                false);
        engine = new LlamaTextEngine(new LlamaModel(parameters), new ModelFacts(gguf.getFileName().toString(),
                contextPerSlot, slots, prompts.templated(), false, -1, 0, 0));
    }

    /** Whether the service uses flash attention on the CPU, as {@code LLM_FLASH_ATTENTION} (if set) decides. */
    static boolean flashAttention() {
        Optional<Boolean> configured = Optional.ofNullable(System.getenv("LLM_FLASH_ATTENTION"))
                .filter(value -> !value.isBlank()).map(Boolean::parseBoolean);
        return FlashAttentionDefault.choose(configured, 0);
    }

    /** Generates one chat in the lowest free slot, timing it like a streaming client. */
    StreamResult stream(ChatRequest chat) {
        int slot = slots.lease();
        try {
            return streamIn(slot, chat);
        } finally {
            slots.giveBack(slot);
        }
    }

    private StreamResult streamIn(int slot, ChatRequest chat) {
        long start = System.nanoTime();
        int[] prompt = prompts.build(List.of(Map.of("role", "user", "content", chat.prompt())), null, true, null).ids();
        // the service's defaults for what the bench's requests leave unset: top_p 0.95, top_k 40, min_p 0.05, no
        // repeat penalty
        TokenStream stream = engine.start(new EngineRequest(new EnginePrompt.Tokens(prompt), chat.maxTokens(),
                (float) chat.temperature(), 0.95f, 40, 0.05f, 1.0f, chat.seed()), slot);
        long ttft = -1;
        int tokens = 0;
        StringBuilder text = new StringBuilder();
        for (Piece piece = stream.next(); piece != null; piece = stream.next()) {
            tokens += piece.token() ? 1 : 0;
            if (!piece.text().isEmpty()) {
                ttft = ttft < 0 ? System.nanoTime() - start : ttft;
                text.append(piece.text());
            }
        }
        long end = System.nanoTime();
        stream.release();
        return new StreamResult(StreamResult.Outcome.COMPLETED, "", ttft, end - start, tokens, text.toString(), 0,
                "");
    }

    @Override
    public void close() {
        engine.close();
    }
}
