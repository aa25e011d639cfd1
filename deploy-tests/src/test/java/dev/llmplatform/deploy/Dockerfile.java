package dev.llmplatform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way the builder reads it, enough to check it without a container engine: comments dropped,
 * continuation lines joined, instructions grouped by build stage, and {@code ARG} defaults substituted into
 * {@code FROM} lines and stage instructions.
 */
final class Dockerfile {

    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|(\\S*))");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

    /** One instruction: upper-cased keyword, its arguments after ARG substitution, and the 1-based line. */
    record Instruction(String keyword, String arguments, int line) {
    }

    /** One build stage: its base image, its alias (or null), and its instructions after FROM. */
    record Stage(String image, String alias, List<Instruction> instructions) {

        /** The instructions with this keyword, in order. */
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        /** The variables the stage's ENV instructions set ({@code ENV a=1 b="two words"}), later ones winning. */
        Map<String, String> env() {
            Map<String, String> env = new HashMap<>();
            for (Instruction instruction : all("ENV")) {
                Matcher pair = ENV_PAIR.matcher(instruction.arguments());
                while (pair.find()) {
                    env.put(pair.group(1), pair.group(2) != null ? pair.group(2) : pair.group(3));
                }
            }
            return env;
        }

        /** The last instruction with this keyword, which is the one that takes effect. */
        Optional<Instruction> last(String keyword) {
            List<Instruction> matching = all(keyword);
            return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
        }
    }

    private final Path path;
    private final List<Stage> stages;

    private Dockerfile(Path path, List<Stage> stages) {
        this.path = path;
        this.stages = List.copyOf(stages);
    }

    /** Reads and parses a Dockerfile; fails if it has no FROM. */
    static Dockerfile read(Path path) {
        try {
            return parse(path, Files.readAllLines(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static Dockerfile parse(Path path, List<String> lines) {
        Map<String, String> globalArgs = new HashMap<>();
        Map<String, String> stageArgs = null;
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        for (Instruction raw : logicalInstructions(lines)) {
            Map<String, String> scope = stageArgs == null ? globalArgs : stageArgs;
            String arguments = substitute(raw.arguments(), scope);
            if (raw.keyword().equals("FROM")) {
                String[] words = arguments.trim().split("\\s+");
                String image = words[0];
                String alias = words.length >= 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
                current = new ArrayList<>();
                stages.add(new Stage(image, alias, current));
                stageArgs = new HashMap<>();
                continue;
            }
            if (raw.keyword().equals("ARG")) {
                String[] nameAndDefault = arguments.trim().split("=", 2);
                String name = nameAndDefault[0].trim();
                String value = nameAndDefault.length == 2 ? unquote(nameAndDefault[1].trim()) : globalArgs.get(name);
                if (value != null) {
                    scope.put(name, value);
                }
            }
            if (current == null) {
                if (!raw.keyword().equals("ARG")) {
                    throw new IllegalArgumentException(path + ":" + raw.line() + ": " + raw.keyword() + " before FROM");
                }
                continue;
            }
            current.add(new Instruction(raw.keyword(), arguments, raw.line()));
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException(path + " has no FROM");
        }
        return new Dockerfile(path, stages);
    }

    Path path() {
        return path;
    }

    List<Stage> stages() {
        return stages;
    }

    /** The stage that becomes the image. */
    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    /**
     * Every external image the build pulls: stage bases and {@code COPY --from=<image>} sources that are not the
     * name of an earlier stage.
     */
    List<String> externalImages() {
        List<String> aliases = stages.stream().map(Stage::alias).filter(a -> a != null).toList();
        List<String> images = new ArrayList<>();
        for (Stage stage : stages) {
            if (!aliases.contains(stage.image())) {
                images.add(stage.image());
            }
            for (Instruction copy : stage.all("COPY")) {
                Matcher from = Pattern.compile("--from=(\\S+)").matcher(copy.arguments());
                if (from.find() && !aliases.contains(from.group(1)) && !from.group(1).matches("\\d+")) {
                    images.add(from.group(1));
                }
            }
        }
        return images;
    }

    private static List<Instruction> logicalInstructions(List<String> lines) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int startLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.length() == 0)) {
                continue;
            }
            if (pending.length() == 0) {
                startLine = i + 1;
            }
            boolean continues = trimmed.endsWith("\\");
            pending.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                String text = pending.toString().trim();
                pending.setLength(0);
                String[] keywordAndRest = text.split("\\s+", 2);
                instructions.add(new Instruction(keywordAndRest[0].toUpperCase(Locale.ROOT),
                        keywordAndRest.length == 2 ? keywordAndRest[1] : "", startLine));
            }
        }
        if (pending.length() > 0) {
            throw new IllegalArgumentException("the last instruction ends with a line continuation");
        }
        return instructions;
    }

    private static String substitute(String text, Map<String, String> args) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = args.get(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
