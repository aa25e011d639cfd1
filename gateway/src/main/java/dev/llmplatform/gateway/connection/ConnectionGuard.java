package dev.llmplatform.gateway.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.HttpErrors;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Limits on client connections that Quarkus and Vert.x do not offer: a cap per client address
 * ({@code gateway.http.max-connections-per-client}; the total is Quarkus' {@code quarkus.http.limits.max-connections}),
 * the request-head and keep-alive deadlines of {@link ConnectionWatch}, and the WebSocket caps
 * ({@code gateway.ws.max-per-client}, {@code gateway.ws.max-total}), counted per connection. Vert.x parses requests inside Netty and
 * calls no application code before a whole head has arrived, so these live in Netty: once the HTTP server listens, a
 * handler on its accepting channel puts a {@link ConnectionWatch} first on every new connection. Vert.x has no public
 * hook for that; the listening channel is read from its server object (Vert.x 4.5, the version Quarkus 3.33 ships),
 * and start-up fails loudly if that ever changes. {@link RequestTimeouts} tells each watch when requests start and end.
 */
@ApplicationScoped
public class ConnectionGuard {

    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class);

    private final Vertx vertx;
    private final GatewayConfig.Http limits;
    private final byte[] refusal;
    private final byte[] timeout;
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Map<String, Integer> socketsPerClient = new ConcurrentHashMap<>();
    private final AtomicInteger sockets = new AtomicInteger();
    private final int maxSocketsPerClient;
    private final int maxSockets;
    private final Map<String, ConnectionWatch> watches = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private volatile boolean installed;

    ConnectionGuard(Vertx vertx, GatewayConfig config, ObjectMapper mapper, MeterRegistry registry) {
        this.vertx = vertx;
        FunctionCounter.builder("gateway_connections_refused", refused, AtomicLong::get)
                .description("Connections refused at accept: over the per-client cap").register(registry);
        FunctionCounter.builder("gateway_connections_timed_out", timedOut, AtomicLong::get)
                .description("Connections closed by the head or keep-alive deadline").register(registry);
        this.limits = config.http();
        this.maxSocketsPerClient = config.ws().maxPerClient();
        this.maxSockets = config.ws().maxTotal();
        this.refusal = raw(503, "Service Unavailable", HttpErrors.json(mapper, new ApiException(503,
                "service_unavailable", "too_many_connections", null, "Too many connections from your address (at most "
                + limits.maxConnectionsPerClient() + "); close idle ones and retry", 1).body()), "Retry-After: 1\r\n");
        this.timeout = raw(408, "Request Timeout", HttpErrors.json(mapper, new ApiException(408,
                "invalid_request_error", "request_timeout", null, "The request head was not complete within "
                + limits.headerTimeout().toSeconds() + " s", null).body()), "");
    }

    /** Puts the accept handler on the listening channel of the HTTP server once it listens. */
    void install(@ObservesAsync HttpServerStart start) {
        int port = start.options().getPort();
        try {
            Field bound = TCPServerBase.class.getDeclaredField("bindFuture");
            bound.setAccessible(true);
            for (HttpServerImpl server : ((VertxInternal) vertx).sharedTCPServers(HttpServerImpl.class).values()) {
                if (server.actualPort() != port && port != 0) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                io.vertx.core.Future<Channel> future = (io.vertx.core.Future<Channel>) bound.get(server);
                Channel listening = future == null ? null : future.result();
                if (listening != null && listening.pipeline().get(AcceptHandler.class) == null) {
                    listening.pipeline().addFirst("gateway-connection-guard", new AcceptHandler());
                    installed = true;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.error("Cannot install the connection limits (header and keep-alive timeouts, connections per client)"
                    + " on the HTTP server; Vert.x changed", e);
        }
        if (!installed) {
            LOG.errorf("No HTTP server found on port %d for the connection limits", port);
        }
    }

    /** Whether the watch handler is on the HTTP server. */
    public boolean installed() {
        return installed;
    }

    /** A request head on the connection {@code key} was routed. */
    public void requestStarted(String key, boolean http2) {
        ConnectionWatch watch = watches.get(key);
        if (watch != null) {
            watch.onLoop(() -> watch.requestStarted(http2));
        }
    }

    /** A response on the connection {@code key} ended. */
    public void requestEnded(String key) {
        ConnectionWatch watch = watches.get(key);
        if (watch != null) {
            watch.onLoop(watch::requestEnded);
        }
    }

    /** The connection from {@code remoteAddress} ({@code host:port}) became a WebSocket. */
    public void upgraded(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.lastIndexOf(':') < 0) {
            return;
        }
        int colon = remoteAddress.lastIndexOf(':');
        String key;
        try {
            key = key(remoteAddress.substring(0, colon), Integer.parseInt(remoteAddress.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return;
        }
        ConnectionWatch watch = watches.get(key);
        if (watch != null) {
            watch.onLoop(watch::upgraded);
        }
    }

    /**
     * Runs {@code action} once the connection {@code key} has closed (at once when it is not watched or already
     * closed). The returned runnable withdraws it (for an action no longer needed while the connection stays open).
     */
    public Runnable onClose(String key, Runnable action) {
        ConnectionWatch watch = watches.get(key);
        if (watch == null) {
            action.run();
            return () -> { };
        }
        watch.onLoop(() -> watch.onClose(action));
        return () -> watch.onLoop(() -> watch.withdraw(action));
    }

    /** Why a WebSocket handshake may not proceed. */
    public enum SocketClaim {
        /** Within the caps (or the connection is not watched). */
        GRANTED,
        /** {@code gateway.ws.max-per-client} sockets from this address are open. */
        CLIENT_FULL,
        /** {@code gateway.ws.max-total} sockets are open. */
        TOTAL_FULL
    }

    /**
     * Counts the connection {@code key} as a WebSocket until it closes, within {@code gateway.ws.max-per-client} and
     * {@code gateway.ws.max-total}. Counting the connection (not the endpoint's open event) makes the check atomic
     * with the handshake, and the count ends when the connection does, whatever happened to the upgrade.
     */
    public SocketClaim claimWebSocket(String key) {
        ConnectionWatch watch = watches.get(key);
        if (watch == null) {
            return SocketClaim.GRANTED; // not watched (a connection older than the guard): nothing to count on
        }
        synchronized (watch) {
            if (watch.socketClaimed()) {
                return SocketClaim.GRANTED;
            }
            if (sockets.incrementAndGet() > maxSockets) {
                sockets.decrementAndGet();
                return SocketClaim.TOTAL_FULL;
            }
            boolean[] over = {false};
            socketsPerClient.compute(client(key), (c, count) -> {
                int now = count == null ? 0 : count;
                over[0] = maxSocketsPerClient > 0 && now >= maxSocketsPerClient;
                return over[0] ? count : now + 1;
            });
            if (over[0]) {
                sockets.decrementAndGet();
                return SocketClaim.CLIENT_FULL;
            }
            watch.claimSocket();
            return SocketClaim.GRANTED;
        }
    }

    /**
     * Answers the request on connection {@code key} with raw bytes written under Vert.x and closes the connection,
     * so nothing Vert.x already parsed after this request's head (a smuggled request) is ever served. False when the
     * connection is not watched.
     */
    public boolean answerAndClose(String key, int status, String reason, String json) {
        ConnectionWatch watch = watches.get(key);
        if (watch == null) {
            return false;
        }
        byte[] answer = raw(status, reason, json, "");
        watch.onLoop(() -> watch.answerAndClose(answer));
        return true;
    }

    /** The key of a connection: client address and port, as both Netty and Vert.x print them. */
    public static String key(String hostAddress, int port) {
        return hostAddress + "|" + port;
    }

    long headerTimeoutMillis() {
        return limits.headerTimeout().toMillis();
    }

    long keepAliveTimeoutMillis() {
        return limits.keepAliveTimeout().toMillis();
    }

    byte[] refusalResponse() {
        return refusal;
    }

    byte[] timeoutResponse() {
        return timeout;
    }

    void timedOut() {
        timedOut.incrementAndGet();
    }

    void closed(ConnectionWatch watch) {
        watches.remove(watch.key(), watch);
        if (!watch.refused()) {
            perClient.computeIfPresent(client(watch.key()), (c, count) -> count > 1 ? count - 1 : null);
        }
        synchronized (watch) {
            if (watch.socketClaimed()) {
                sockets.decrementAndGet();
                socketsPerClient.computeIfPresent(client(watch.key()), (c, count) -> count > 1 ? count - 1 : null);
            }
        }
    }

    private ConnectionWatch accepted(Channel child) {
        InetSocketAddress remote = (InetSocketAddress) child.remoteAddress();
        String client = remote == null ? "?" : remote.getAddress().getHostAddress();
        String key = key(client, remote == null ? 0 : remote.getPort());
        int cap = limits.maxConnectionsPerClient();
        boolean[] over = {false};
        perClient.compute(client, (c, count) -> {
            int now = count == null ? 0 : count;
            over[0] = cap > 0 && now >= cap;
            return over[0] ? count : now + 1;
        });
        if (over[0]) {
            refused.incrementAndGet();
        }
        ConnectionWatch watch = new ConnectionWatch(this, key, over[0]);
        if (!over[0]) {
            watches.put(key, watch);
        }
        return watch;
    }

    private static String client(String key) {
        return key.substring(0, key.lastIndexOf('|'));
    }

    private static byte[] raw(int status, String reason, String body, String headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\n" + headers
                + "Connection: close\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head8.length + bytes.length];
        System.arraycopy(head8, 0, all, 0, head8.length);
        System.arraycopy(bytes, 0, all, head8.length, bytes.length);
        return all;
    }

    /** On the listening channel: every accepted connection gets its watch before anything else. */
    @ChannelHandler.Sharable
    private final class AcceptHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof Channel child) {
                child.pipeline().addFirst("gateway-connection-watch", accepted(child));
            }
            super.channelRead(ctx, msg);
        }
    }
}
