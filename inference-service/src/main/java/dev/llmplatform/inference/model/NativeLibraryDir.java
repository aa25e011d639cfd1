package dev.llmplatform.inference.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Gives the binding a private folder to extract {@code libjllama.so} into. By default it extracts to
 * {@code java.io.tmpdir/libjllama.so} under a fixed name and first deletes every {@code jllama*}/{@code llama*} file
 * there, so two JVMs on one host (or two Quarkus application class loaders in one test JVM) race and one of them
 * fails with "No native library found". A fresh folder per load avoids both.
 */
final class NativeLibraryDir {

    private static final Logger LOG = Logger.getLogger(NativeLibraryDir.class);
    private static final String PROPERTY = "de.kherud.llama.tmpdir";

    private NativeLibraryDir() {
    }

    /** Points the binding at a new folder under java.io.tmpdir (which must be writable). */
    static void usePrivateDirectory() {
        try {
            Path dir = Files.createTempDirectory("llm-native-");
            dir.toFile().deleteOnExit();
            System.setProperty(PROPERTY, dir.toString());
        } catch (IOException e) {
            LOG.warnf("no private folder for the native library (%s); using java.io.tmpdir", e.getMessage());
        }
    }
}
