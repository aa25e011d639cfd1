package dev.llmplatform.gateway.openai;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code system_fingerprint} of chat and completion answers: {@code fp_} and the first 12 hex digits of the
 * SHA-256 of the platform version ({@code quarkus.application.version}, the Maven project version) and the model
 * name. It is the same for every answer of one model from one release, and changes when either changes, which is
 * what OpenAI clients read it for.
 */
@Singleton
public class SystemFingerprint {

    private final String version;

    SystemFingerprint(@ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.version = version;
    }

    /** The fingerprint of answers from {@code model}. */
    public String of(String model) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((version + "\n" + model).getBytes(StandardCharsets.UTF_8));
            return "fp_" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
