package dev.llmplatform.deploy;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM memory bounds an image's {@code JAVA_OPTS} sets, and the memory the JVM can take in a container: the heap,
 * direct buffers, and a fixed allowance for what the JVM keeps outside both (metaspace, code cache, thread stacks,
 * GC structures).
 */
record JvmMemory(String options) {

    /** Metaspace, code cache, thread stacks and GC structures of a Quarkus service, counted on top of heap and direct. */
    static final long NON_HEAP_ALLOWANCE = 256L << 20;

    private static final Pattern XMX = Pattern.compile("(?:^|\\s)-Xmx(\\d+[kKmMgG]?)(?:\\s|$)");
    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=([\\d.]+)");
    private static final Pattern MAX_DIRECT = Pattern.compile("-XX:MaxDirectMemorySize=(\\d+[kKmMgG]?)");

    /** The JAVA_OPTS of a Dockerfile's final stage. */
    static JvmMemory of(Dockerfile dockerfile) {
        String options = dockerfile.finalStage().env().get("JAVA_OPTS");
        if (options == null) {
            throw new AssertionError(dockerfile.path() + ": no JAVA_OPTS in the final stage");
        }
        return new JvmMemory(options);
    }

    boolean exitsOnOutOfMemory() {
        return options.contains("-XX:+ExitOnOutOfMemoryError");
    }

    Optional<Long> fixedHeapBytes() {
        Matcher m = XMX.matcher(options);
        return m.find() ? Optional.of(bytes(m.group(1))) : Optional.empty();
    }

    OptionalDouble heapPercentOfLimit() {
        Matcher m = MAX_RAM_PERCENTAGE.matcher(options);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    Optional<Long> maxDirectMemoryBytes() {
        Matcher m = MAX_DIRECT.matcher(options);
        return m.find() ? Optional.of(bytes(m.group(1))) : Optional.empty();
    }

    /** The most the JVM takes in a container with this memory limit. */
    long budgetBytes(long containerLimitBytes) {
        long heap = fixedHeapBytes().orElseGet(() -> (long) (containerLimitBytes
                * heapPercentOfLimit().orElse(25.0) / 100.0));
        long direct = maxDirectMemoryBytes().orElse(heap);
        return heap + direct + NON_HEAP_ALLOWANCE;
    }

    /** A JVM size such as 512m, 2g or 1048576. */
    static long bytes(String size) {
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
        return Long.parseLong(digits) << shift;
    }
}
