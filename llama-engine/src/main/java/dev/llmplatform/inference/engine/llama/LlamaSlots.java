package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import org.jboss.logging.Logger;

/**
 * Addresses the engine's slots by number: each generation is pinned to the slot the scheduler leased it, and a slot
 * whose cells must go is cleared by a one-token request pinned to it with the prompt cache off, which drops all of
 * the slot's cells but the one or two of its own prompt (docs/adr/0001-pin-generations-to-slots.md,
 * docs/adr/0011-prompt-cache.md). The binding has no setter for {@code id_slot}: it is put into the request's
 * parameter map by reflection, and its value is always a scheduler slot number, never client input.
 */
final class LlamaSlots {

    private static final Logger LOG = Logger.getLogger(LlamaSlots.class);
    /** A prompt of at least one token in any vocabulary; its one or two cells stay in the cleared slot. */
    private static final String CLEARING_PROMPT = "a";

    private final LlamaModel model;

    LlamaSlots(LlamaModel model) {
        this.model = model;
    }

    /** The parameters, set to decode in the given slot. */
    static InferenceParameters pin(InferenceParameters parameters, int slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be 0 or more, was " + slot);
        }
        return RawParameters.put(parameters, "id_slot", Integer.toString(slot));
    }

    /** Drops the KV cells of a slot; the slot must be idle in the engine. Failures are logged, never thrown. */
    void clear(int slot) {
        InferenceParameters clearing = pin(new InferenceParameters(CLEARING_PROMPT).setNPredict(1)
                .setTemperature(0f).setCachePrompt(false), slot);
        try {
            LlamaIterator outputs = model.generate(clearing).iterator();
            while (outputs.hasNext()) {
                outputs.next();
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "slot %d could not be cleared; its cells stay until its next request", slot);
        }
    }
}
