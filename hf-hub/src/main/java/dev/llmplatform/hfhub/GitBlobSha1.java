package dev.llmplatform.hfhub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The git blob sha1 of a file, as git computes it: {@code sha1("blob " + size + "\0" + bytes)}. The Hub publishes it
 * as the etag of every file that is not stored with LFS (tokenizer.json, config.json, chat templates...), which is
 * the only hash it gives for those files.
 */
public final class GitBlobSha1 {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{40}");

    private GitBlobSha1() {
    }

    /** Whether {@code value} has the shape of a git object id: 40 lower-case hex digits. */
    public static boolean isSha1(String value) {
        return value != null && HEX.matcher(value).matches();
    }

    /** The git blob sha1 of some bytes, lower-case hex. */
    public static String of(byte[] content) {
        MessageDigest sha1 = header(content.length);
        return HexFormat.of().formatHex(sha1.digest(content));
    }

    /** The git blob sha1 of a file, lower-case hex (the file is read twice: its size first, then its bytes). */
    public static String of(Path file) throws IOException {
        return both(file).gitSha1();
    }

    /** A file's git blob sha1 and sha256, from one read of its bytes. */
    record Hashes(String gitSha1, String sha256) {
    }

    /** A file's git blob sha1 and sha256, from one read of its bytes. */
    static Hashes both(Path file) throws IOException {
        long size = Files.size(file);
        MessageDigest sha1 = header(size);
        MessageDigest sha256 = Sha256.digest();
        long read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha1.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
                read += n;
            }
        }
        if (read != size) {
            throw new IOException(file + " changed while it was hashed (" + size + " bytes, then " + read + ")");
        }
        return new Hashes(HexFormat.of().formatHex(sha1.digest()), Sha256.hex(sha256));
    }

    private static MessageDigest header(long size) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
            return sha1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
