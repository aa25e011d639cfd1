package dev.llmplatform.hfhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HubOptionsTest {

    @Test
    void readsTheHuggingFaceEnvironmentVariables() {
        HubOptions options = HubOptions.fromEnvironment(Map.of("HF_ENDPOINT", "http://mirror.local:8080/",
                "HF_TOKEN", "hf_x", "HF_HOME", "/data/hf", "HF_HUB_OFFLINE", "1", "HF_HUB_DOWNLOAD_TIMEOUT", "7"));
        assertEquals(URI.create("http://mirror.local:8080"), options.endpoint());
        assertEquals(Optional.of("hf_x"), options.token());
        assertEquals(Path.of("/data/hf/hub"), options.cacheDir());
        assertTrue(options.offline());
        assertFalse(options.allowUnverified());
        assertEquals(Duration.ofSeconds(7), options.transfer().readTimeout());
    }

    @Test
    void defaultsAndPrecedence() {
        HubOptions options = HubOptions.fromEnvironment(Map.of("HF_HUB_CACHE", "/cache", "HF_HOME", "/data/hf",
                "HF_TOKEN", " ", "HF_HUB_OFFLINE", "0"));
        assertEquals(URI.create("https://huggingface.co"), options.endpoint());
        assertEquals(Path.of("/cache"), options.cacheDir());
        assertEquals(Optional.empty(), options.token());
        assertFalse(options.offline());
        assertTrue(HubOptions.isOffline(Map.of("HF_HUB_OFFLINE", "TRUE")));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub"),
                HubOptions.cacheDirFromEnvironment(Map.of()));
    }

    @Test
    void refusesEndpointsThatAreNoPlainHttpUrls() {
        assertThrows(IllegalArgumentException.class, () -> HubOptions.of(Path.of("x")).withEndpoint("ftp://h"));
        assertThrows(IllegalArgumentException.class,
                () -> HubOptions.of(Path.of("x")).withEndpoint("https://user:pw@h"));
        assertThrows(IllegalArgumentException.class, () -> HubOptions.of(Path.of("x")).withEndpoint("https://h?a=1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HubOptions.fromEnvironment(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "10s")));
        assertEquals("HF_HUB_DOWNLOAD_TIMEOUT must be a number of seconds, not \"10s\"", e.getMessage());
    }
}
