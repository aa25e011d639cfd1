package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.Pair;
import dev.llmplatform.inference.engine.ChatTurn;
import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.EngineRequest;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.TokenStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link TextEngine} over de.kherud:llama (llama.cpp's server code in-process).
 *
 * <p>The binding's {@code LlamaException} is package-private, so native failures are caught as
 * {@link RuntimeException} here and rethrown as {@link EngineException} with a client-safe message.
 */
public final class LlamaTextEngine implements TextEngine {

    private final LlamaModel model;
    private final ModelFacts facts;
    private final LlamaSlots slots;
    private final ReceiveTurns receiveTurns = new ReceiveTurns();

    /** Wraps a loaded model; the engine owns it from now on. */
    public LlamaTextEngine(LlamaModel model, ModelFacts facts) {
        this.model = model;
        this.facts = facts;
        this.slots = new LlamaSlots(model);
    }

    @Override
    public ModelFacts facts() {
        return facts;
    }

    @Override
    public int[] tokenize(String text) {
        try {
            return model.encode(text);
        } catch (RuntimeException e) {
            throw new EngineException("tokenization failed in the engine", e);
        }
    }

    @Override
    public String tokenText(int id) {
        try {
            return model.decode(new int[] {id});
        } catch (RuntimeException e) {
            throw new EngineException("token " + id + " could not be decoded", e);
        }
    }

    /**
     * Renders the template with ASCII placeholders in place of the contents, then puts the contents back in Java.
     * The binding returns the rendered prompt through JNI {@code NewStringUTF}, which expects modified UTF-8 and
     * mangles characters outside the BMP (emoji) and NUL; placeholders keep every user character intact.
     * A template that transforms contents (for example trims them) therefore sees only the placeholder.
     */
    @Override
    public String renderChat(List<ChatTurn> messages) {
        String nonce = UUID.randomUUID().toString().replace("-", "");
        StringBuilder system = new StringBuilder();
        List<Pair<String, String>> turns = new ArrayList<>();
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String placeholder = "LLMPLATFORMMSG" + i + "X" + nonce;
            placeholders.add(placeholder);
            ChatTurn turn = messages.get(i);
            if ("system".equals(turn.role())) {
                system.append(system.isEmpty() ? "" : "\n\n").append(placeholder);
            } else {
                turns.add(new Pair<>(turn.role(), placeholder));
            }
        }
        String rendered;
        try {
            InferenceParameters parameters = new InferenceParameters("").setMessages(system.toString(), turns);
            rendered = model.applyTemplate(parameters);
        } catch (RuntimeException e) {
            throw new EngineException("the model's chat template failed to render the messages", e);
        }
        for (int i = 0; i < messages.size(); i++) {
            rendered = rendered.replace(placeholders.get(i), messages.get(i).content());
        }
        return rendered;
    }

    @Override
    public TokenStream start(EngineRequest request, int slot) {
        if (slot < 0 || slot >= facts.slots()) {
            throw new IllegalArgumentException("slot " + slot + " is outside 0.." + (facts.slots() - 1));
        }
        InferenceParameters parameters = LlamaSlots.pin(LlamaParameters.from(request), slot);
        try {
            return new LlamaTokenStream(model.generate(parameters).iterator(), receiveTurns,
                    () -> slots.clear(slot));
        } catch (RuntimeException e) {
            throw new EngineException("the engine refused the generation request", e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
