package dev.llmplatform.compare;

import dev.llmplatform.gguf.GgmlType;
import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.gguf.GgufTensorInfo;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The quantisation of a GGUF model and where the name came from.
 *
 * @param name   for example {@code Q4_K_M}, {@code Q4_0}, {@code F32}
 * @param source {@link #FROM_FILE_TYPE} or {@link #FROM_DOMINANT_TENSOR}
 */
public record Quantisation(String name, String source) {

    /** The name was mapped from {@code general.file_type} (llama.cpp's {@code llama_ftype}). */
    public static final String FROM_FILE_TYPE = "general.file_type";
    /** The name is the tensor type holding most weight elements among the matrices. */
    public static final String FROM_DOMINANT_TENSOR = "dominant tensor type";

    /** llama.cpp marks a file type it guessed rather than read with this bit ({@code LLAMA_FTYPE_GUESSED}). */
    private static final int GUESSED = 1024;

    /**
     * {@code llama_ftype} values of llama.h (llama.cpp b4916, the engine the service uses) with the short names used
     * by llama-quantize and in GGUF file names; 4-6 and 33-35 were removed from llama.cpp and are not mapped, and
     * values added after b4916 (38 and up) fall back to the dominant tensor type.
     */
    private static final String[] FILE_TYPES = {
        "F32", "F16", "Q4_0", "Q4_1", null, null, null, "Q8_0", "Q5_0", "Q5_1", "Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L",
        "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K", "IQ2_XXS", "IQ2_XS", "Q2_K_S", "IQ3_XS", "IQ3_XXS", "IQ1_S",
        "IQ4_NL", "IQ3_S", "IQ3_M", "IQ2_S", "IQ2_M", "IQ4_XS", "IQ1_M", "BF16", null, null, null, "TQ1_0", "TQ2_0"};

    /** The quantisation of a file: {@code general.file_type} when present and known, else the dominant tensor type. */
    public static Quantisation of(GgufFile file) {
        OptionalLong fileType = file.get("general.file_type").filter(v -> v.type().isInteger())
                .map(v -> OptionalLong.of(v.asLong())).orElse(OptionalLong.empty());
        if (fileType.isPresent()) {
            Optional<String> name = fileTypeName(fileType.getAsLong());
            if (name.isPresent()) {
                return new Quantisation(name.get(), FROM_FILE_TYPE);
            }
        }
        return dominantType(file.tensors()).map(t -> new Quantisation(t.name(), FROM_DOMINANT_TENSOR))
                .orElse(new Quantisation("unknown", "no file type and no tensors"));
    }

    /** The name of a {@code llama_ftype} value, with " (guessed)" when its guessed bit is set; empty if unknown. */
    public static Optional<String> fileTypeName(long fileType) {
        boolean guessed = (fileType & GUESSED) != 0;
        long base = fileType & ~GUESSED;
        if (base < 0 || base >= FILE_TYPES.length || FILE_TYPES[(int) base] == null) {
            return Optional.empty();
        }
        return Optional.of(FILE_TYPES[(int) base] + (guessed ? " (guessed)" : ""));
    }

    /**
     * The type holding the most elements among the tensors of two or more dimensions (the weight matrices; norms and
     * biases stay F32 in quantised files), or among all tensors when there are no matrices; empty without tensors.
     */
    public static Optional<GgmlType> dominantType(List<GgufTensorInfo> tensors) {
        List<GgufTensorInfo> matrices = tensors.stream().filter(t -> t.dimensions().length >= 2).toList();
        List<GgufTensorInfo> counted = matrices.isEmpty() ? tensors : matrices;
        Map<GgmlType, Long> elements = new EnumMap<>(GgmlType.class);
        for (GgufTensorInfo tensor : counted) {
            elements.merge(tensor.type(), tensor.elementCount(), Long::sum);
        }
        return elements.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }
}
