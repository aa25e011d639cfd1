package dev.llmplatform.inference.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelCatalogueTest {

    @Test
    void shippedCatalogueHasTheReferenceModels() {
        ModelCatalogue catalogue = ModelCatalogue.load();
        for (String id : new String[] {"phi-3-mini-128k-instruct-q4_k_m", "qwen2.5-7b-instruct-1m-q4_k_m",
            "falcon3-7b-base-q4_k_m", "stories260k", "qwen2.5-0.5b-instruct-q4_k_m"}) {
            assertTrue(catalogue.find(id).isPresent(), id);
        }
        assertEquals("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d",
                catalogue.find("stories260k").orElseThrow().sha256());
    }

    @Test
    void malformedIdsAreNotFound() {
        ModelCatalogue catalogue = ModelCatalogue.load();
        assertTrue(catalogue.find("../stories260k").isEmpty());
        assertTrue(catalogue.find("/etc/passwd").isEmpty());
        assertTrue(catalogue.find(null).isEmpty());
    }

    @Test
    void entriesThatCouldEscapeTheCacheAreRejected() {
        String traversal = "{\"models\":[{\"id\":\"x\",\"name\":\"x\",\"hf_repo\":\"org/x\","
                + "\"hf_file\":\"../../etc/x.gguf\"}]}";
        assertThrows(IllegalArgumentException.class,
                () -> ModelCatalogue.parse(new ByteArrayInputStream(traversal.getBytes(StandardCharsets.UTF_8))));
        String badHash = "{\"models\":[{\"id\":\"x\",\"name\":\"x\",\"hf_repo\":\"org/x\",\"hf_file\":\"x.gguf\","
                + "\"sha256\":\"sha256:../x\"}]}";
        assertThrows(IllegalArgumentException.class,
                () -> ModelCatalogue.parse(new ByteArrayInputStream(badHash.getBytes(StandardCharsets.UTF_8))));
    }
}
