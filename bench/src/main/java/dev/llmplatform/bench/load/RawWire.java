package dev.llmplatform.bench.load;

import dev.llmplatform.testkit.client.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The wire below JSON, for the bad inputs and the attacks: a request written straight to a socket and the head of
 * its answer, the close code a WebSocket frame earns, whether the server closed a socket. Every socket read has a
 * 15 s timeout and every raw connection is closed after 30 s (a server that stops reading would otherwise block a
 * write forever).
 */
final class RawWire {

    private static final int SOCKET_TIMEOUT_MS = 15_000;

    /**
     * The answer to a raw request.
     *
     * @param status the status code, or "no status line", or "connection error: ..."
     * @param head   the status line and headers as read
     * @param millis from the connection to the end of the head
     */
    record Answer(String status, String head, long millis) {

        /** The status line, or the status when none came. */
        String statusLine() {
            return head.isEmpty() ? status : head.split("\r\n", 2)[0];
        }
    }

    private RawWire() {
    }

    /**
     * Sends a request head (and then up to {@code fillerBytes} of filler, stopping at the first write error, as a
     * server that answers early and closes causes) to 127.0.0.1:{@code port} and reads the head of the answer.
     */
    static Answer send(int port, String request, int fillerBytes) {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port);
                Deadline deadline = Deadline.arm(socket, Duration.ofMillis(2L * SOCKET_TIMEOUT_MS))) {
            socket.setSoTimeout(SOCKET_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            sendFiller(out, fillerBytes);
            String head = readHead(socket.getInputStream());
            String[] first = head.split("\r\n", 2)[0].split(" ");
            return new Answer(first.length > 1 ? first[1] : "no status line", head, millisSince(start));
        } catch (IOException e) {
            return new Answer("connection error: " + e.getClass().getSimpleName(), "", millisSince(start));
        }
    }

    /**
     * Opens a WebSocket to the gateway's chat endpoint, lets {@code send} write to it, and returns the close code the
     * server answered with ("-1" for a failed connection), or what happened instead within 15 s.
     */
    static String closeCode(int port, Consumer<WebSocket> send) {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/chat/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closed.complete(statusCode);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket webSocket, Throwable error) {
                            closed.complete(-1);
                        }
                    }).get(10, TimeUnit.SECONDS);
            send.accept(socket);
            String code = Integer.toString(closed.get(15, TimeUnit.SECONDS));
            socket.abort();
            return code;
        } catch (Exception e) {
            return "no close within 15 s (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Whether the peer has not closed the socket: a read that times out means open, end of stream or error closed. */
    static boolean stillOpen(Socket socket) {
        try {
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            while (true) {
                if (in.read() == -1) {
                    return false;
                }
            }
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed by the server
        }
    }

    private static void sendFiller(OutputStream out, int bytes) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try {
            for (int sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
        } catch (IOException e) {
            // The server answered and closed before taking it all: what we want to read next.
        }
    }

    /** Reads the status line and headers (up to the blank line, the end of the stream, or 8 KiB). */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b; head.length() < 8192 && (b = in.read()) != -1; ) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
