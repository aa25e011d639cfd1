package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.InferenceParameters;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Puts a JSON value into the binding's request parameters where the binding has no setter: the slot number
 * ({@code id_slot}) and a prompt given as token ids ({@code prompt} as a JSON array, which the bundled server code
 * takes as the tokens to evaluate) and a JSON schema ({@code json_schema}). Values come only from the service (a
 * scheduler slot, ids the service tokenized, a schema the service parsed, checked and wrote out again), never as a
 * client sent them.
 */
final class RawParameters {

    private static final Field PARAMETERS = parameterMap();

    private RawParameters() {
    }

    /** Sets {@code key} to the JSON text {@code json} in the parameters and returns them. */
    static InferenceParameters put(InferenceParameters parameters, String key, String json) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> map = (Map<String, String>) PARAMETERS.get(parameters);
            map.put(key, json);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + key + " in de.kherud:llama's InferenceParameters", e);
        }
        return parameters;
    }

    private static Field parameterMap() {
        try {
            Field field = InferenceParameters.class.getSuperclass().getDeclaredField("parameters");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("de.kherud:llama's InferenceParameters has no parameter map to set "
                    + "request fields in; the binding changed", e);
        }
    }
}
