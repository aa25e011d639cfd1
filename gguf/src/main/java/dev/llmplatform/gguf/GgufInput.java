package dev.llmplatform.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Buffered little-endian reads from a file channel. Every read first checks that the bytes lie inside the file, so a
 * truncated file gives a {@link GgufFormatException} naming the offset, never a BufferUnderflowException.
 */
final class GgufInput {

    private static final int BUFFER_BYTES = 1 << 16;

    private final FileChannel channel;
    private final long fileSize;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    /** File offset of the first byte not yet loaded into the buffer. */
    private long channelPosition;

    GgufInput(FileChannel channel, long fileSize) {
        this.channel = channel;
        this.fileSize = fileSize;
        buffer.limit(0);
    }

    /** The file offset of the next byte to be read. */
    long position() {
        return channelPosition - buffer.remaining();
    }

    /** Bytes left between the current position and the end of the file. */
    long remaining() {
        return fileSize - position();
    }

    /** Fails unless {@code bytes} more bytes exist in the file. */
    void require(long bytes, String what) throws GgufFormatException {
        if (bytes < 0 || bytes > remaining()) {
            throw new GgufFormatException("GGUF file truncated: " + what + " needs " + Long.toUnsignedString(bytes)
                    + " bytes at offset " + position() + " but the file has only " + remaining() + " left");
        }
    }

    int readU8(String what) throws IOException {
        fill(1, what);
        return buffer.get() & 0xFF;
    }

    int readU16(String what) throws IOException {
        fill(2, what);
        return buffer.getShort() & 0xFFFF;
    }

    short readI16(String what) throws IOException {
        fill(2, what);
        return buffer.getShort();
    }

    int readI32(String what) throws IOException {
        fill(4, what);
        return buffer.getInt();
    }

    long readU32(String what) throws IOException {
        return readI32(what) & 0xFFFF_FFFFL;
    }

    long readI64(String what) throws IOException {
        fill(8, what);
        return buffer.getLong();
    }

    float readF32(String what) throws IOException {
        fill(4, what);
        return buffer.getFloat();
    }

    double readF64(String what) throws IOException {
        fill(8, what);
        return buffer.getDouble();
    }

    /**
     * Reads a GGUF string (uint64 length, then UTF-8 bytes).
     *
     * @param maxBytes the longest string accepted here
     */
    String readString(long maxBytes, String what) throws IOException {
        long length = readI64(what + " length");
        if (length < 0 || length > maxBytes) {
            throw new GgufFormatException("GGUF " + what + " at offset " + (position() - 8) + " has length "
                    + Long.toUnsignedString(length) + ", over the limit of " + maxBytes + " bytes");
        }
        int n = (int) length;
        require(n, what);
        if (n == 0) {
            return "";
        }
        if (n <= BUFFER_BYTES) {
            fill(n, what);
            String s = new String(buffer.array(), buffer.position(), n, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + n);
            return s;
        }
        byte[] bytes = new byte[n];
        int copied = buffer.remaining();
        buffer.get(bytes, 0, copied);
        ByteBuffer rest = ByteBuffer.wrap(bytes, copied, n - copied);
        while (rest.hasRemaining()) {
            int read = channel.read(rest, channelPosition);
            if (read < 0) {
                throw new GgufFormatException("GGUF file ended while reading " + what + " at offset " + channelPosition);
            }
            channelPosition += read;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Makes {@code n} (at most the buffer size) bytes available in the buffer. */
    private void fill(int n, String what) throws IOException {
        if (buffer.remaining() >= n) {
            return;
        }
        require(n, what);
        buffer.compact();
        while (buffer.position() < n) {
            int read = channel.read(buffer, channelPosition);
            if (read < 0) {
                buffer.flip();
                throw new GgufFormatException("GGUF file ended while reading " + what + " at offset " + position());
            }
            channelPosition += read;
        }
        buffer.flip();
    }
}
