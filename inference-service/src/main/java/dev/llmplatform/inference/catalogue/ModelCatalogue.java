package dev.llmplatform.inference.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The models in {@code catalogue.json} (on the class path). Every name and path in it is checked, so an entry can
 * never point outside the Hugging Face cache.
 */
public final class ModelCatalogue {

    /** Allowed ids and served names. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    /** Allowed repository names: {@code org/name}. */
    static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    /** Allowed file paths inside a repository: segments of safe characters, ending in .gguf. */
    static final Pattern FILE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,100}/){0,4}[A-Za-z0-9][A-Za-z0-9._-]{0,200}"
            + "\\.gguf");
    /** Allowed revisions. */
    static final Pattern REVISION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A sha256 in hex, or empty. */
    static final Pattern SHA256 = Pattern.compile("([0-9a-f]{64})?");

    private final Map<String, CatalogueEntry> entries;

    private ModelCatalogue(Map<String, CatalogueEntry> entries) {
        this.entries = entries;
    }

    /** The catalogue shipped with the service. */
    public static ModelCatalogue load() {
        try (InputStream in = ModelCatalogue.class.getResourceAsStream("/catalogue.json")) {
            if (in == null) {
                throw new IllegalStateException("catalogue.json is missing from the class path");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("catalogue.json could not be read", e);
        }
    }

    /** Parses and checks a catalogue document. */
    public static ModelCatalogue parse(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        Map<String, CatalogueEntry> entries = new LinkedHashMap<>();
        for (JsonNode node : root.path("models")) {
            CatalogueEntry entry = new CatalogueEntry(node.path("id").asText(), node.path("name").asText(),
                    node.path("hf_repo").asText(), node.path("hf_file").asText(),
                    node.path("revision").asText("main"), node.path("sha256").asText(""),
                    node.path("context_length").asInt(0), node.path("slots").asInt(0),
                    node.path("chat_template").asText(""), (float) node.path("temperature").asDouble(-1));
            check(entry);
            entries.put(entry.id(), entry);
        }
        return new ModelCatalogue(Map.copyOf(entries));
    }

    /** An entry by id; ids that are not well formed are simply not found. */
    public Optional<CatalogueEntry> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.get(id));
    }

    /** All entries. */
    public Map<String, CatalogueEntry> entries() {
        return entries;
    }

    private static void check(CatalogueEntry entry) {
        require(ID, entry.id(), "id", entry);
        require(ID, entry.name(), "name", entry);
        require(REPO, entry.hfRepo(), "hf_repo", entry);
        require(FILE, entry.hfFile(), "hf_file", entry);
        require(REVISION, entry.revision(), "revision", entry);
        require(SHA256, entry.sha256(), "sha256", entry);
        if (entry.hfRepo().contains("..") || entry.hfFile().contains("..") || entry.revision().contains("..")) {
            throw new IllegalArgumentException("catalogue entry " + entry.id() + " contains '..'");
        }
    }

    private static void require(Pattern pattern, String value, String field, CatalogueEntry entry) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("catalogue entry " + entry.id() + ": " + field + " \"" + value
                    + "\" is not allowed");
        }
    }
}
