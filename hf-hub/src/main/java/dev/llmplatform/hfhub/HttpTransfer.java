package dev.llmplatform.hfhub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Downloads a URL into a partial file, continuing what the file already holds with an HTTP {@code Range} request,
 * following redirects (the token, if any, only to its own origin), logging progress, and resuming a transfer that
 * breaks off or stalls. The caller holds whatever lock guards the partial file.
 */
final class HttpTransfer {

    private static final Logger LOG = Logger.getLogger(HttpTransfer.class);
    private static final int MAX_REDIRECTS = 10;
    private static final long RETRY_PAUSE_MILLIS = 1000;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");

    private final HubHttp http;
    private final TransferSettings settings;

    HttpTransfer(HubHttp http, TransferSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /**
     * Completes {@code partial} with the bytes of {@code url}.
     *
     * @param digest       reset, then updated with every byte of the complete file (including what the partial file
     *                     held before)
     * @param expectedSize the file's size when known; a transfer that ends short of it is resumed
     * @param maxBytes     the largest size accepted
     * @param label        names the file in logs and messages
     * @return the file's size
     */
    long download(URI url, Path partial, MessageDigest digest, OptionalLong expectedSize, long maxBytes, String label)
            throws HubException, InterruptedException {
        if (expectedSize.isPresent() && expectedSize.getAsLong() > maxBytes) {
            throw tooLarge(label, expectedSize.getAsLong(), maxBytes);
        }
        int failures = 0;
        while (true) {
            long before = size(partial, label);
            try {
                return attempt(url, partial, digest, expectedSize, maxBytes, label);
            } catch (HubException e) {
                if (e.reason() != HubException.Reason.NETWORK) {
                    throw e;
                }
                failures = size(partial, label) > before ? 1 : failures + 1;
                if (failures > settings.retries()) {
                    throw new HubException(HubException.Reason.NETWORK, e.getMessage() + "; giving up after "
                            + (failures - 1) + " retries without progress (the partial download is kept and the "
                            + "next try resumes it)", e.getCause());
                }
                LOG.warnf("%s; resuming in a second", e.getMessage());
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
    }

    private long attempt(URI url, Path partial, MessageDigest digest, OptionalLong expectedSize, long maxBytes,
                         String label) throws HubException, InterruptedException {
        long have = size(partial, label);
        if (expectedSize.isPresent() && have > expectedSize.getAsLong()) {
            LOG.warnf("%s: the partial download holds more than the file's %d bytes; starting over", label,
                    expectedSize.getAsLong());
            have = truncate(partial, label);
        }
        hashPrefix(partial, have, digest, label);
        if (expectedSize.isPresent() && have == expectedSize.getAsLong()) {
            return have;
        }
        Response response = get(url, have, label);
        if (response == null) {
            LOG.infof("%s: the server cannot continue at byte %d (HTTP 416); starting over", label, have);
            have = truncate(partial, label);
            digest.reset();
            response = get(url, 0, label);
        }
        try (InputStream body = new IdleTimeoutInputStream(response.body(), settings.readTimeout())) {
            long start = have;
            if (response.status() == 200 && have > 0) {
                LOG.infof("%s: the server ignored the range request; starting over", label);
                start = truncate(partial, label);
                digest.reset();
            } else if (response.status() == 206) {
                checkContentRange(response, have, label);
            }
            long total = total(response, start, expectedSize);
            if (total > maxBytes) {
                throw tooLarge(label, total, maxBytes);
            }
            LOG.infof("%s: downloading from %s%s, %s", label, HubHttp.redact(response.url()),
                    start > 0 ? " (resuming at byte " + start + ")" : "",
                    total < 0 ? "size unknown" : mebibytes(total) + " MiB");
            long size = copy(body, partial, start, total, maxBytes, digest, label);
            if (total >= 0 && size < total) {
                throw new HubException(HubException.Reason.NETWORK, label + ": the transfer ended at byte " + size
                        + " of " + total);
            }
            if (expectedSize.isPresent() && size != expectedSize.getAsLong()) {
                throw new HubException(HubException.Reason.INVALID_RESPONSE, label + ": received " + size
                        + " bytes, but the file has " + expectedSize.getAsLong());
            }
            LOG.infof("%s: downloaded %d bytes", label, size);
            return size;
        } catch (HubException e) {
            throw e;
        } catch (IOException e) {
            throw new HubException(HubException.Reason.NETWORK, label + ": the transfer from "
                    + HubHttp.redact(response.url()) + " failed (" + e.getMessage() + ")", e);
        }
    }

    private long copy(InputStream body, Path partial, long start, long total, long maxBytes, MessageDigest digest,
                      String label) throws HubException {
        long size = start;
        long every = settings.progressEveryBytes();
        long nextLog = (size / every + 1) * every;
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel.position(start))) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = read(body, buffer, label)) >= 0; ) {
                if (size + n > maxBytes) {
                    throw tooLarge(label, size + n, maxBytes);
                }
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                size += n;
                if (size >= nextLog) {
                    LOG.infof("%s: %d MiB of %s", label, mebibytes(size), total < 0 ? "?"
                            : mebibytes(total) + " MiB (" + size * 100 / Math.max(1, total) + " %)");
                    nextLog += every;
                }
            }
        } catch (HubException e) {
            throw e;
        } catch (IOException e) {
            throw storage(label, partial, e);
        }
        return size;
    }

    private static int read(InputStream body, byte[] buffer, String label) throws HubException {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw new HubException(HubException.Reason.NETWORK, label + ": the transfer failed (" + e.getMessage()
                    + ")", e);
        }
    }

    /** The answer (200 or 206) after redirects; null for a 416 to a range request. */
    private Response get(URI start, long from, String label) throws HubException, InterruptedException {
        URI url = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = http.request(url).GET();
            if (from > 0) {
                request.header("Range", "bytes=" + from + "-");
            }
            HttpResponse<InputStream> response;
            try {
                response = http.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new HubException(HubException.Reason.NETWORK, label + ": could not reach "
                        + HubHttp.redact(url) + " (" + e + ")", e);
            }
            int status = response.statusCode();
            if (HubHttp.isRedirect(status)) {
                closeQuietly(response.body());
                url = HubHttp.redirectTarget(url, response.headers().firstValue("Location").orElse(""));
                continue;
            }
            if (status == 200 || status == 206) {
                return new Response(url, response);
            }
            closeQuietly(response.body());
            if (status == 416 && from > 0) {
                return null;
            }
            if (status == 408 || status == 429 || status >= 500) {
                throw new HubException(HubException.Reason.NETWORK, label + ": " + HubHttp.redact(url)
                        + " answered HTTP " + status);
            }
            throw HubHttp.statusError(status, response.headers(), label, url,
                    request.build().headers().firstValue("Authorization").isPresent());
        }
        throw new HubException(HubException.Reason.INVALID_RESPONSE, label + ": more than " + MAX_REDIRECTS
                + " redirects from " + HubHttp.redact(start));
    }

    private static void checkContentRange(Response response, long have, String label) throws HubException {
        String range = response.response().headers().firstValue("Content-Range").orElse("");
        Matcher matcher = CONTENT_RANGE.matcher(range.strip());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) != have) {
            throw new HubException(HubException.Reason.INVALID_RESPONSE, label + ": asked for the bytes from " + have
                    + " on, the server sent range \"" + range + "\"");
        }
    }

    private static long total(Response response, long start, OptionalLong expectedSize) {
        if (expectedSize.isPresent()) {
            return expectedSize.getAsLong();
        }
        String encoding = response.response().headers().firstValue("Content-Encoding").orElse("identity");
        if (!encoding.equalsIgnoreCase("identity")) {
            return -1;
        }
        OptionalLong length = response.response().headers().firstValueAsLong("Content-Length");
        return length.isPresent() ? start + length.getAsLong() : -1;
    }

    private static void hashPrefix(Path partial, long have, MessageDigest digest, String label) throws HubException {
        digest.reset();
        if (have == 0) {
            return;
        }
        try (InputStream in = Files.newInputStream(partial)) {
            byte[] buffer = new byte[1 << 16];
            long left = have;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                digest.update(buffer, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw storage(label, partial, e);
        }
    }

    private static long size(Path partial, String label) throws HubException {
        try {
            return Files.isRegularFile(partial) ? Files.size(partial) : 0;
        } catch (IOException e) {
            throw storage(label, partial, e);
        }
    }

    private static long truncate(Path partial, String label) throws HubException {
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(0);
            return 0;
        } catch (IOException e) {
            throw storage(label, partial, e);
        }
    }

    static HubException storage(String label, Path file, IOException e) {
        return new HubException(HubException.Reason.STORAGE, label + ": cannot write " + file + " (" + e + ")", e);
    }

    private static HubException tooLarge(String label, long size, long maxBytes) {
        return new HubException(HubException.Reason.TOO_LARGE, label + " has " + size
                + " bytes, more than the " + maxBytes + " bytes allowed");
    }

    private static long mebibytes(long bytes) {
        return bytes >> 20;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the answer is discarded
        }
    }

    private record Response(URI url, HttpResponse<InputStream> response) {
        int status() {
            return response.statusCode();
        }

        InputStream body() {
            return response.body();
        }
    }
}
