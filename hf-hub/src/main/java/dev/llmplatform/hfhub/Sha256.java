package dev.llmplatform.hfhub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** sha256 helpers: digests, file hashes and the hex form files are named and compared by. */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The sha256 of a file, lower-case hex. */
    public static String of(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest);
    }

    /** The digest's value, lower-case hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Whether {@code value} is a sha256 in lower-case hex. */
    public static boolean isSha256(String value) {
        return value != null && HEX.matcher(value).matches();
    }

    /**
     * A caller's expected sha256 in lower-case hex: empty when absent or blank.
     *
     * @throws IllegalArgumentException when it is not 64 hex digits
     */
    public static Optional<String> normalize(Optional<String> expected) {
        Optional<String> value = expected.map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT));
        if (value.isPresent() && !isSha256(value.get())) {
            throw new IllegalArgumentException("\"" + expected.get() + "\" is not a sha256 (64 hex digits)");
        }
        return value;
    }
}
