package dev.llmplatform.compare;

import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.gguf.GgufTensorInfo;
import dev.llmplatform.gguf.GgufValue;
import dev.llmplatform.gguf.GgufValueType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the GGUF header says about a model; no weights are read.
 *
 * @param path          the file
 * @param name          the file name without {@code .gguf} (as the service names it by default, case kept)
 * @param generalName   {@code general.name}, or empty
 * @param architecture  {@code general.architecture}
 * @param parameters    the sum of the element counts of all tensors
 * @param quantisation  the quantisation from {@code general.file_type} or the dominant tensor type
 * @param layers        {@code <arch>.block_count}
 * @param contextLength {@code <arch>.context_length} (trained context)
 * @param fileSize      the file size in bytes
 * @param tensorCount   the number of tensors; 0 for a vocabulary-only file
 */
public record ModelFacts(Path path, String name, String generalName, String architecture, long parameters,
        Quantisation quantisation, OptionalLong layers, OptionalLong contextLength, long fileSize, int tensorCount) {

    /** Reads the header of a GGUF file. */
    public static ModelFacts read(Path path) throws IOException {
        GgufFile file = GgufFile.read(path);
        String name = path.getFileName().toString().replaceFirst("(?i)\\.gguf$", "");
        String generalName = file.get("general.name").filter(v -> v.type() == GgufValueType.STRING)
                .map(GgufValue::asString).orElse("");
        return new ModelFacts(path, name, generalName, file.architecture(), parameterCount(file.tensors()),
                Quantisation.of(file), file.blockCount(), file.contextLength(), file.fileSize(), file.tensors().size());
    }

    /** The number of parameters: the element counts of all tensors added up. */
    public static long parameterCount(List<GgufTensorInfo> tensors) {
        return tensors.stream().mapToLong(GgufTensorInfo::elementCount).sum();
    }

    /** Whether the file holds weights (vocabulary-only GGUFs have no tensors and cannot be served). */
    public boolean hasWeights() {
        return tensorCount > 0;
    }
}
