package dev.llmplatform.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml parsed as plain YAML (anchors and {@code <<} merge keys resolved by SnakeYAML), with helpers
 * that read a service's settings the way compose interpolates them when no variable is set.
 */
final class ComposeFile {

    private static final Pattern DEFAULTED_VARIABLE = Pattern.compile("\\$\\{(\\w+):?-([^}]*)}");

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static ComposeFile read(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return new ComposeFile(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Names of all services, profiles included. */
    List<String> serviceNames() {
        return List.copyOf(map(root, "services").keySet());
    }

    /** One service's definition; fails if it does not exist. */
    Map<String, Object> service(String name) {
        Map<String, Object> services = map(root, "services");
        if (!services.containsKey(name)) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "': " + services.keySet());
        }
        return map(services, name);
    }

    /** Top-level named volumes. */
    Map<String, Object> volumes() {
        return map(root, "volumes");
    }

    /** A service's environment variable as compose sees it with no variable set: {@code ${X:-d}} becomes d. */
    static String env(Map<String, Object> service, String name) {
        Object value = map(service, "environment").get(name);
        if (value == null) {
            throw new AssertionError("environment variable " + name + " not set");
        }
        Matcher matcher = DEFAULTED_VARIABLE.matcher(value.toString());
        return matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
    }

    /** A nested mapping; fails if absent or not a mapping. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("'" + key + "' is not a mapping in " + parent.keySet() + ": " + value);
        }
        return (Map<String, Object>) value;
    }

    /** A nested list; fails if absent or not a list. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof List<?>)) {
            throw new AssertionError("'" + key + "' is not a list in " + parent.keySet() + ": " + value);
        }
        return (List<Object>) value;
    }
}
