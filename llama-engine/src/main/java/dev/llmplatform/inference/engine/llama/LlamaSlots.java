package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import java.lang.reflect.Field;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Addresses the engine's slots by number: each generation is pinned to the slot the scheduler leased it, and a slot
 * other than 0 is cleared after use by a one-token request pinned to it, so idle slots' old sequences never slow the
 * running ones (docs/adr/0001-pin-generations-to-slots.md). The binding has no setter for {@code id_slot}: it is put
 * into the request's parameter map by reflection, and its value is always a scheduler slot number, never client
 * input.
 */
final class LlamaSlots {

    private static final Logger LOG = Logger.getLogger(LlamaSlots.class);
    /** A prompt of at least one token in any vocabulary; its one or two cells stay in the cleared slot. */
    private static final String CLEARING_PROMPT = "a";
    private static final Field PARAMETERS = parameterMap();

    private final LlamaModel model;

    LlamaSlots(LlamaModel model) {
        this.model = model;
    }

    /** The parameters, set to decode in the given slot. */
    static InferenceParameters pin(InferenceParameters parameters, int slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be 0 or more, was " + slot);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> map = (Map<String, String>) PARAMETERS.get(parameters);
            map.put("id_slot", Integer.toString(slot));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set id_slot in de.kherud:llama's InferenceParameters", e);
        }
        return parameters;
    }

    /**
     * Drops the KV cells of a slot other than 0; the slot must be idle in the engine. Failures are logged, never
     * thrown.
     */
    void clear(int slot) {
        if (slot == 0) {
            return;
        }
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

    private static Field parameterMap() {
        try {
            Field field = InferenceParameters.class.getSuperclass().getDeclaredField("parameters");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("de.kherud:llama's InferenceParameters has no parameter map to set "
                    + "id_slot in; the binding changed", e);
        }
    }
}
