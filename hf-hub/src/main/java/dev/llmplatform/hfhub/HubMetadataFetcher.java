package dev.llmplatform.hfhub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/**
 * Asks the Hub about a file with a HEAD of its resolve URL, as {@code huggingface_hub}'s
 * {@code get_hf_file_metadata} does: redirects are not followed except relative ones (a renamed repository), so
 * the answer is the Hub's own, with {@code X-Repo-Commit}, {@code X-Linked-Etag}, {@code X-Linked-Size} and the
 * CDN {@code Location} of an LFS file.
 */
public final class HubMetadataFetcher {

    private static final int MAX_RELATIVE_REDIRECTS = 10;

    private final HubHttp http;
    private final URI endpoint;
    private final boolean hasToken;

    /** A fetcher for the Hub the options name. */
    public HubMetadataFetcher(HubOptions options) {
        this(new HubHttp(options.transfer(), options.token(), options.endpoint()), options.endpoint(),
                options.token().isPresent());
    }

    HubMetadataFetcher(HubHttp http, URI endpoint, boolean hasToken) {
        this.http = http;
        this.endpoint = endpoint;
        this.hasToken = hasToken;
    }

    /**
     * The metadata of a file.
     *
     * @throws HubException when the Hub cannot be reached, refuses, does not know the file, or answers without a
     *                      commit or etag
     */
    public HubFileMetadata fetch(HubFile file) throws HubException, InterruptedException {
        URI url = file.resolveUrl(endpoint);
        for (int hop = 0; ; hop++) {
            HttpRequest request = http.request(url).header("Accept-Encoding", "identity")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<Void> response = send(request, file);
            int status = response.statusCode();
            if (HubHttp.isRedirect(status)) {
                String location = response.headers().firstValue("Location").orElse("");
                URI target = HubHttp.redirectTarget(url, location);
                boolean relative = URI.create(location.strip()).getHost() == null;
                if (relative && hop < MAX_RELATIVE_REDIRECTS) {
                    url = target;
                    continue;
                }
                return HubFileMetadata.fromHeaders(url, response.headers(), true, file);
            }
            if (status >= 400) {
                throw HubHttp.statusError(status, response.headers(), "metadata of " + file, url,
                        hasToken && HubHttp.sameOrigin(url, endpoint));
            }
            return HubFileMetadata.fromHeaders(url, response.headers(), false, file);
        }
    }

    private HttpResponse<Void> send(HttpRequest request, HubFile file) throws HubException, InterruptedException {
        try {
            return http.client().send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new HubException(HubException.Reason.NETWORK, "metadata of " + file + ": "
                    + HubHttp.redact(request.uri()) + " did not answer in time", e);
        } catch (IOException e) {
            throw new HubException(HubException.Reason.NETWORK, "metadata of " + file + ": could not reach "
                    + HubHttp.redact(request.uri()) + " (" + e + ")", e);
        }
    }
}
