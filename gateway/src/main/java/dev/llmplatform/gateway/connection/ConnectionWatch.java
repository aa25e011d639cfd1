package dev.llmplatform.gateway.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of one client connection, before TLS and HTTP parsing, so it sees a connection that never
 * completes a request head. A new connection must complete its first request head within the header timeout; after
 * a response, an idle connection may wait the keep-alive timeout for its next request, whose head must then be
 * complete within the header timeout of its first byte. A connection that misses a deadline gets a 408 when part of a
 * head had arrived (plain HTTP/1.1 only) and is closed. While a request runs, or once the connection became a
 * WebSocket, nothing is timed here. All state is touched on the connection's event loop only.
 */
final class ConnectionWatch extends ChannelDuplexHandler {

    private final ConnectionGuard guard;
    private final String key;
    private final boolean refused;
    private volatile ChannelHandlerContext context;
    private ScheduledFuture<?> timer;
    private int inFlight;
    private boolean upgraded;
    private boolean http2;
    private boolean afterResponse;
    private long bytesWaiting;
    private boolean socketClaimed;
    private final List<Runnable> closeActions = new ArrayList<>();

    ConnectionWatch(ConnectionGuard guard, String key, boolean refused) {
        this.guard = guard;
        this.key = key;
        this.refused = refused;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        context = ctx;
        if (refused) {
            byte[] answer = guard.refusalResponse();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        arm(guard.headerTimeoutMillis());
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (inFlight == 0 && !upgraded && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            if (bytesWaiting == 0 && afterResponse) {
                arm(guard.headerTimeoutMillis()); // the next head has started: it must be complete in time
            }
            bytesWaiting += bytes.readableBytes();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        guard.closed(this);
        List<Runnable> actions = List.copyOf(closeActions);
        closeActions.clear();
        actions.forEach(Runnable::run);
        super.channelInactive(ctx);
    }

    /** Runs {@code action} when the connection closes (at once when it already has). */
    void onClose(Runnable action) {
        if (context != null && !context.channel().isActive()) {
            action.run();
        } else {
            closeActions.add(action);
        }
    }

    /** Forgets an action given to {@link #onClose}. */
    void withdraw(Runnable action) {
        closeActions.remove(action);
    }

    /** Whether this connection counts as a WebSocket (guarded by this object's lock, see ConnectionGuard). */
    boolean socketClaimed() {
        return socketClaimed;
    }

    void claimSocket() {
        socketClaimed = true;
    }

    /** Writes a whole raw response before the HTTP encoder and closes; Vert.x serves nothing more here. */
    void answerAndClose(byte[] answer) {
        disarm();
        upgraded = true; // no deadline runs any more
        if (context != null && context.channel().isActive()) {
            context.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Runs on the connection's event loop (where Vert.x handles its requests anyway). */
    void onLoop(Runnable action) {
        ChannelHandlerContext ctx = context;
        if (ctx == null || ctx.executor().inEventLoop()) {
            action.run();
        } else {
            ctx.executor().execute(action);
        }
    }

    /** The key of this connection: the client's address and port. */
    String key() {
        return key;
    }

    /** Whether this connection was refused at accept (it is not counted). */
    boolean refused() {
        return refused;
    }

    /** A request head was parsed and routed. */
    void requestStarted(boolean overHttp2) {
        http2 |= overHttp2;
        inFlight++;
        bytesWaiting = 0;
        disarm();
    }

    /** A response ended (or its connection closed). */
    void requestEnded() {
        inFlight = Math.max(0, inFlight - 1);
        if (inFlight == 0 && !upgraded) {
            afterResponse = true;
            bytesWaiting = 0;
            arm(guard.keepAliveTimeoutMillis());
        }
    }

    /** The connection is a WebSocket now: its own limits apply. */
    void upgraded() {
        upgraded = true;
        disarm();
    }

    private void arm(long millis) {
        disarm();
        if (context != null && millis > 0) {
            timer = context.executor().schedule(this::expired, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expired() {
        timer = null;
        if (inFlight > 0 || upgraded || !context.channel().isActive()) {
            return;
        }
        guard.timedOut();
        boolean plainHttp1 = !http2 && context.pipeline().get(SslHandler.class) == null;
        if (bytesWaiting > 0 && plainHttp1) {
            context.writeAndFlush(Unpooled.wrappedBuffer(guard.timeoutResponse()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            context.close();
        }
    }
}
