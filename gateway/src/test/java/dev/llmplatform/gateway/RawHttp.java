package dev.llmplatform.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, so a test sends exactly the bytes it means (HTTP clients re-encode or normalise
 * paths and refuse odd headers).
 */
final class RawHttp {

    static final int PORT = 18180;

    private RawHttp() {
    }

    /** A response: status code, head and body as text. */
    record Reply(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    /** Sends one request with {@code Connection: close} and reads the whole answer (10 s at most). */
    static Reply send(String method, String target, String extraHeaders, String body) throws IOException {
        return request(method, target, "Connection: close\r\n" + (extraHeaders == null ? "" : extraHeaders), body);
    }

    /** A WebSocket handshake for {@code target} with extra headers; answers 101 when the upgrade is accepted. */
    static Reply handshake(String target, String extraHeaders) throws IOException {
        return request("GET", target, "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + (extraHeaders == null ? "" : extraHeaders), null);
    }

    /** One request with the given extra header lines (each ending in CRLF); a Host line among them replaces ours. */
    static Reply request(String method, String target, String extraHeaders, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        boolean ownHost = extraHeaders != null && ("\r\n" + extraHeaders.toLowerCase(java.util.Locale.ROOT))
                .contains("\r\nhost:");
        String head = method + " " + target + " HTTP/1.1\r\n" + (ownHost ? "" : "Host: localhost:" + PORT + "\r\n")
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n")
                + (extraHeaders == null ? "" : extraHeaders) + "\r\n";
        return exchange(head.getBytes(StandardCharsets.ISO_8859_1), bytes);
    }

    /** Sends raw bytes and reads until the server closes or 10 s pass. */
    static Reply exchange(byte[]... parts) throws IOException {
        try (Socket socket = new Socket("localhost", PORT)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            for (byte[] part : parts) {
                out.write(part);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * Opens a WebSocket on a socket of its own with extra header lines; the socket is returned open after a 101, and
     * closed (with the failure) otherwise.
     */
    static Socket openWebSocket(String extraHeaders) throws IOException {
        Socket socket = new Socket("localhost", PORT);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /v1/chat/ws HTTP/1.1\r\nHost: localhost:" + PORT + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + (extraHeaders == null ? "" : extraHeaders)
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + head.toString().lines().findFirst().orElse(""));
        }
        return socket;
    }

    /** Sends one masked client frame (opcode 1 text, 2 binary) of at most 125 bytes. */
    static void sendFrame(Socket socket, int opcode, byte[] payload) throws IOException {
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        socket.getOutputStream().write(frame);
        socket.getOutputStream().flush();
    }

    /** Reads one unmasked server frame of at most 125 bytes: its opcode and payload. */
    static Frame readFrame(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        int opcode = in.read() & 0x0f;
        int length = in.read() & 0x7f;
        return new Frame(opcode, in.readNBytes(length));
    }

    /** A server frame. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    /** A socket from another loopback address (127.0.0.2), so per-client limits see a second client. */
    static Socket fromSecondAddress() throws IOException {
        return new Socket(InetAddress.getByName("127.0.0.1"), PORT, InetAddress.getByName("127.0.0.2"), 0);
    }

    /** Reads a response until the connection closes, or until the whole body of a sized response has arrived. */
    static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                bytes.write(buffer, 0, n);
                Reply partial = parse(bytes.toString(StandardCharsets.UTF_8));
                if (partial != null && partial.status() == 101) {
                    break;
                }
                String length = partial == null ? null : partial.header("Content-Length");
                if (length != null && partial.body().getBytes(StandardCharsets.UTF_8).length
                        >= Integer.parseInt(length)) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // whatever arrived is the answer
        }
        Reply reply = parse(bytes.toString(StandardCharsets.UTF_8));
        return reply != null ? reply : new Reply(-1, "", bytes.toString(StandardCharsets.UTF_8));
    }

    private static Reply parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0 || !text.startsWith("HTTP/1.1 ")) {
            return null;
        }
        String head = text.substring(0, end);
        return new Reply(Integer.parseInt(head.substring(9, 12)), head, text.substring(end + 4));
    }
}
