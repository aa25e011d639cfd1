package dev.llmplatform.gateway.connection;

import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;

/**
 * Ends a request, for Quarkus' graceful shutdown, when its connection closes. Quarkus 3.33's graceful-shutdown filter
 * counts every request until its response ends (or its connection closes while the response is in progress), and
 * waits {@code quarkus.shutdown.timeout} for the count to reach zero. Two kinds of request never get there: an
 * upgraded WebSocket request (its response never ends, and the connection is no longer the request's) and a request
 * answered with raw bytes and a closed connection (refused framing: Vert.x fails while closing and never reports its
 * end). Either made every shutdown wait the whole timeout. Quarkus offers no public way to end a
 * request; the request wrapper's {@code done} is called by reflection, and start-up logs an error if that ever
 * fails (shutdown then takes the whole timeout again, nothing else changes).
 */
@ApplicationScoped
public class RequestAccounting {

    private static final Logger LOG = Logger.getLogger(RequestAccounting.class);

    private final ConnectionGuard guard;
    private final Method done;

    RequestAccounting(ConnectionGuard guard) {
        this.guard = guard;
        this.done = findDone();
    }

    /** Whether requests can be ended (the request wrapper's done handlers can be run). */
    public boolean available() {
        return done != null;
    }

    /**
     * Ends {@code request} for the graceful shutdown once its connection has closed, unless it has ended before (a
     * request on a connection kept alive leaves nothing behind). Call on the request's event loop.
     */
    public void endWhenClosed(HttpServerRequest request) {
        SocketAddress remote = request.connection().remoteAddress();
        if (done != null && remote != null && request.getCookie(QuarkusRequestWrapper.FAKE_COOKIE_NAME)
                instanceof QuarkusRequestWrapper.QuarkusCookie cookie) {
            QuarkusRequestWrapper wrapper = cookie.getRequestWrapper();
            Runnable withdraw = guard.onClose(ConnectionGuard.key(remote.hostAddress(), remote.port()),
                    () -> end(wrapper));
            wrapper.addRequestDoneHandler(ended -> withdraw.run());
        }
    }

    private void end(QuarkusRequestWrapper wrapper) {
        try {
            done.invoke(wrapper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("Could not end a request: %s", e.getMessage());
        }
    }

    private static Method findDone() {
        try {
            Method method = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.error("Cannot end requests for the graceful shutdown (Quarkus changed): the process will wait"
                    + " quarkus.shutdown.timeout after serving a WebSocket", e);
            return null;
        }
    }
}
