package dev.llmplatform.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The architecture facts of a catalogue entry that its memory needs follow from, as recorded under
 * {@code _architecture} in the inference service's catalogue.json (with their sources), and the inference service's
 * memory estimate from them (dev.llmplatform.inference.memory.MemoryEstimator): weights are the tensor data (the file
 * size bounds it), the KV cache is {@code 2 (K and V) x layers x tokens x kv_heads x head_dim x 2 bytes (f16)} for
 * {@code tokens = context per slot x slots}, overhead is 64 MiB + 5 % of the weights.
 */
record ModelArchitecture(String id, int layers, int kvHeads, int headDim, long fileBytes) {

    static final Path CATALOGUE = Path.of("inference-service/src/main/resources/catalogue.json");

    /** The entry's facts; fails when the catalogue records none. */
    @SuppressWarnings("unchecked")
    static ModelArchitecture of(String id) {
        Path path = RepositoryRoot.get().resolve(CATALOGUE);
        try (Reader reader = Files.newBufferedReader(path)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            for (Map<String, Object> model : (List<Map<String, Object>>) root.get("models")) {
                if (id.equals(model.get("id"))) {
                    Map<String, Object> facts = (Map<String, Object>) model.get("_architecture");
                    if (facts == null) {
                        throw new AssertionError(id + ": catalogue.json records no _architecture facts");
                    }
                    return new ModelArchitecture(id, number(facts, "layers").intValue(),
                            number(facts, "kv_heads").intValue(), number(facts, "head_dim").intValue(),
                            Math.round(number(facts, "file_gb").doubleValue() * 1e9));
                }
            }
            throw new AssertionError("catalogue.json has no entry " + id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** f16 K and V of one token over all layers. */
    long kvBytesPerToken() {
        return 2L * layers * kvHeads * headDim * 2;
    }

    long kvCacheBytes(int contextPerSlot, int slots) {
        return kvBytesPerToken() * contextPerSlot * slots;
    }

    long weightBytes() {
        return fileBytes;
    }

    long overheadBytes() {
        return (64L << 20) + weightBytes() / 20;
    }

    /** Weights + KV cache + overhead: what llama.cpp needs, on the GPU when everything is offloaded. */
    long modelBytes(int contextPerSlot, int slots) {
        return weightBytes() + kvCacheBytes(contextPerSlot, slots) + overheadBytes();
    }

    private static Number number(Map<String, Object> facts, String key) {
        Object value = facts.get(key);
        if (!(value instanceof Number n)) {
            throw new AssertionError("_architecture." + key + " is not a number: " + value);
        }
        return n;
    }
}
