package dev.llmplatform.bench.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options: {@code --name value} pairs and bare {@code --flag}s. Every lookup names its default, and
 * {@link #rejectUnknown()} refuses options no suite asked for, so a typo never runs a silent default.
 */
public final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {
    }

    /**
     * Parses the arguments. A {@code --name} followed by an argument that does not start with {@code --} takes it as
     * its value; otherwise it is a flag.
     */
    public static Options parse(String[] args) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq > 0) {
                    options.values.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    options.values.put(name, args[++i]);
                } else {
                    options.values.put(name, "true");
                }
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    /** Arguments that are not options, in order. */
    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** A string option. */
    public String string(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    /** An integer option within [min, max]. */
    public int integer(String name, int fallback, int min, int max) {
        String raw = string(name, null);
        if (raw == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** A duration in seconds within [min, max]. */
    public Duration seconds(String name, Duration fallback, int min, int max) {
        return Duration.ofSeconds(integer(name, (int) fallback.toSeconds(), min, max));
    }

    /** Whether a bare flag was given. */
    public boolean flag(String name) {
        used.add(name);
        return "true".equals(values.get(name));
    }

    /** Fails when an option was given that no lookup asked for. */
    public void rejectUnknown() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", unknown));
        }
    }
}
