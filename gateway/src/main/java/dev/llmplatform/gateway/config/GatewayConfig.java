package dev.llmplatform.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Gateway settings ({@code gateway.*} in application.properties). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The tokenizer service. */
    Tokenizer tokenizer();

    /** The inference services. */
    Inference inference();

    /** Per-model admission control. */
    Admission admission();

    /** WebSocket settings. */
    Ws ws();

    /** API keys accepted as {@code Authorization: Bearer <key>}; none configured means no authentication. */
    Optional<List<String>> apiKeys();

    /** A file with one API key per line (blank lines and {@code #} comments ignored). */
    Optional<String> apiKeysFile();

    /**
     * Browser origins allowed to call the gateway (CORS, WebSocket handshake, pages); none configured means the
     * loopback origins of the HTTP port. Never derived from the Host header.
     */
    Optional<List<String>> allowedOrigins();

    /** Tokenizer service settings. */
    interface Tokenizer {
        /**
         * host:port of the tokenizer service ({@code TOKENIZER_ADDRESS}), read into the Quarkus gRPC client
         * {@code tokenizer} by {@link TokenizerAddress}; that client's other settings are
         * {@code quarkus.grpc.clients.tokenizer.*}.
         */
        String address();

        /** Deadline of every tokenizer call (then 503). */
        @WithDefault("5s")
        Duration deadline();
    }

    /** Inference service settings. */
    interface Inference {
        /** Name of the Stork service that lists the inference endpoints. */
        @WithDefault("inference")
        String storkService();

        /** Deadline of a Generate call. */
        @WithDefault("10m")
        Duration generateDeadline();

        /** Deadline of a RenderChat call (POST /apply-template). */
        @WithDefault("10s")
        Duration renderDeadline();

        /** Deadline of an Embed call (POST /v1/embeddings), queueing at the endpoint included. */
        @WithDefault("60s")
        Duration embedDeadline();

        /** Deadline of GetModelInfo and GetLoad probes. */
        @WithDefault("2s")
        Duration probeDeadline();

        /** How often endpoints are discovered and probed. */
        @WithDefault("5s")
        Duration refreshInterval();

        /**
         * The longest wait for the first message of a Generate stream (the service sends a Progress on receipt);
         * then the call is cancelled, the endpoint marked suspect and the next endpoint tried.
         */
        @WithDefault("3s")
        Duration acceptTimeout();

        /**
         * The longest silence of a started Generate stream (the service sends a Progress every heartbeat interval,
         * 1 s by default); then the call is cancelled, the endpoint marked suspect and the client told.
         */
        @WithDefault("15s")
        Duration stallTimeout();

        /**
         * Prefix-aware routing: a conversation goes to the replica that most likely holds its prompt prefix (where
         * its first messages were last sent, else their rendezvous-hash home) unless that replica's load score (busy
         * and waiting requests over slots) is more than this much above the least-loaded replica's, or it has no free
         * slot while another has one; then the least loaded. Negative: always the least loaded.
         */
        @WithDefault("0.5")
        double prefixAffinitySlack();
    }

    /** Server-sent events. */
    Sse sse();

    /** Limits on client connections. */
    Http http();

    /** Client connection limits (besides Quarkus' {@code quarkus.http.*}). */
    interface Http {
        /**
         * A request head must be complete within this time of the connection's start, or of its first byte after
         * a previous response; then 408 and the connection is closed.
         */
        @WithDefault("10s")
        Duration headerTimeout();

        /** A request body must be complete within this time of its head; then 408 and the connection is closed. */
        @WithDefault("30s")
        Duration bodyTimeout();

        /** How long a connection may stay idle between requests before it is closed. */
        @WithDefault("60s")
        Duration keepAliveTimeout();

        /** Open connections per client address; more are answered 503 and closed at once. 0 = no limit. */
        @WithDefault("256")
        int maxConnectionsPerClient();
    }

    /** SSE settings. */
    interface Sse {
        /**
         * While a streamed request waits (admission queue, the backend's queue, a long prompt) and nothing was
         * written for this long, a {@code : keep-alive} comment is sent, so proxies and clients do not time out.
         */
        @WithDefault("5s")
        Duration keepAliveInterval();
    }

    /** Admission control settings, per model. */
    interface Admission {
        /** Requests in flight to a model's endpoints at once. */
        @WithDefault("32")
        int maxConcurrent();

        /** Requests waiting in the gateway for a model; beyond this the answer is 429. */
        @WithDefault("64")
        int maxQueue();

        /** How long a request may wait in the queue before it is refused with 429. */
        @WithDefault("30s")
        Duration queueTimeout();

        /** Seconds sent in Retry-After with a 429. */
        @WithDefault("2")
        int retryAfter();
    }

    /** WebSocket settings. */
    interface Ws {
        /** A socket with no running answer that has received no frame for this long is closed (1000). */
        @WithDefault("10m")
        Duration idleTimeout();

        /** Open WebSockets per client address; a handshake beyond is refused with 429. 0 = no limit. */
        @WithDefault("32")
        int maxPerClient();

        /** Open WebSockets in total; a handshake beyond is refused with 503. */
        @WithDefault("2000")
        int maxTotal();
    }
}
