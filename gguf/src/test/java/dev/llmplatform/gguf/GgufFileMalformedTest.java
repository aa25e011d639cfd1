package dev.llmplatform.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed, truncated and hostile files must fail with a GgufFormatException, never anything worse (BAD-INPUTS #26). */
class GgufFileMalformedTest {

    @TempDir
    Path dir;

    private GgufFormatException rejects(byte[] bytes) throws Exception {
        Path file = Files.write(dir.resolve("bad.gguf"), bytes);
        return assertThrows(GgufFormatException.class, () -> GgufFile.read(file));
    }

    private static GgufBytes minimalHeader(long tensors, long kvs) {
        return GgufBytes.header(3, tensors, kvs).kvString("general.architecture", "llama");
    }

    @Test
    void everyTruncationOfARealFileIsRejected() throws Exception {
        byte[] real = Files.readAllBytes(TestAssets.file("models/stories260K.gguf"));
        GgufFile whole = GgufFile.read(TestAssets.file("models/stories260K.gguf"));
        int headerEnd = (int) whole.tensorDataStart();
        int checked = 0;
        for (int length = 0; length < real.length; length += length < headerEnd ? 7 : 65_521) {
            GgufFormatException e = rejects(Arrays.copyOf(real, length));
            assertTrue(e.getMessage().startsWith("Not a GGUF") || e.getMessage().contains("GGUF"), e.getMessage());
            checked++;
        }
        rejects(Arrays.copyOf(real, real.length - 1));
        assertTrue(checked > 2000, "checked " + checked);
    }

    @Test
    void wrongMagic() throws Exception {
        byte[] bytes = minimalHeader(0, 1).bytes();
        bytes[0] = 'X';
        assertTrue(rejects(bytes).getMessage().contains("magic"));
    }

    @Test
    void unsupportedVersion() throws Exception {
        byte[] bytes = GgufBytes.header(1, 0, 1).kvString("general.architecture", "llama").bytes();
        assertEquals("Unsupported GGUF version 1 (supported: 2, 3)", rejects(bytes).getMessage());
    }

    @Test
    void absurdArrayLength() throws Exception {
        byte[] bytes = minimalHeader(0, 2).str("tokenizer.ggml.tokens").u32(GgufValueType.ARRAY.id())
                .u32(GgufValueType.STRING.id()).u64(1L << 40).bytes();
        assertTrue(rejects(bytes).getMessage().contains("has length 1099511627776, over the limit"));
    }

    @Test
    void arrayLongerThanTheFile() throws Exception {
        byte[] bytes = minimalHeader(0, 2).str("tokenizer.ggml.scores").u32(GgufValueType.ARRAY.id())
                .u32(GgufValueType.FLOAT32.id()).u64(1_000_000).zeros(16).bytes();
        assertTrue(rejects(bytes).getMessage().contains("needs at least 4000000 bytes"));
    }

    @Test
    void negativeAndHugeStringLengths() throws Exception {
        rejects(minimalHeader(0, 2).str("k").u32(GgufValueType.STRING.id()).u64(-1).bytes());
        rejects(minimalHeader(0, 2).str("k").u32(GgufValueType.STRING.id()).u64(Long.MAX_VALUE).bytes());
        rejects(minimalHeader(0, 2).u64(1L << 33).bytes());
    }

    @Test
    void absurdCounts() throws Exception {
        assertTrue(rejects(GgufBytes.header(3, 0, Long.MAX_VALUE).bytes()).getMessage().contains("metadata count"));
        assertTrue(rejects(GgufBytes.header(3, -1, 1).bytes()).getMessage().contains("tensor count"));
        assertTrue(rejects(GgufBytes.header(3, 1000, 1).zeros(64).bytes()).getMessage().contains("needs at least"));
    }

    @Test
    void unknownValueTypeAndBadBool() throws Exception {
        assertTrue(rejects(minimalHeader(0, 2).str("k").u32(13).u32(0).bytes()).getMessage().contains("unknown value type 13"));
        assertTrue(rejects(minimalHeader(0, 2).str("k").u32(GgufValueType.BOOL.id()).u8(7).zeros(8).bytes())
                .getMessage().contains("bool value 7"));
    }

    @Test
    void arraysNestedTooDeep() throws Exception {
        GgufBytes b = minimalHeader(0, 2).str("deep").u32(GgufValueType.ARRAY.id());
        for (int i = 0; i < 10; i++) {
            b.u32(GgufValueType.ARRAY.id()).u64(1);
        }
        b.u32(GgufValueType.UINT8.id()).u64(0);
        assertTrue(rejects(b.bytes()).getMessage().contains("nests deeper"));
    }

    @Test
    void tensorOffsetPastTheEndOfTheFile() throws Exception {
        byte[] bytes = minimalHeader(1, 1).tensor("w", new long[] {8}, GgmlType.F32, 0).pad(32).zeros(16).bytes();
        assertTrue(rejects(bytes).getMessage().contains("ends past the end of the file"));
        byte[] far = minimalHeader(2, 1).tensor("a", new long[] {8}, GgmlType.F32, 0)
                .tensor("b", new long[] {8}, GgmlType.F32, 1L << 50).pad(32).zeros(64).bytes();
        assertTrue(rejects(far).getMessage().contains("has offset 1125899906842624, expected 32"));
    }

    @Test
    void badTensorShapes() throws Exception {
        assertTrue(rejects(minimalHeader(1, 1).tensor("w", new long[] {-4}, GgmlType.F32, 0).bytes())
                .getMessage().contains("negative dimension"));
        assertTrue(rejects(minimalHeader(1, 1).tensor("w", new long[] {1, 1, 1, 1, 1}, GgmlType.F32, 0).bytes())
                .getMessage().contains("5 dimensions"));
        assertTrue(rejects(minimalHeader(1, 1).tensor("w", new long[] {1L << 40, 1L << 40}, GgmlType.F32, 0).bytes())
                .getMessage().contains("overflow"));
        assertTrue(rejects(minimalHeader(1, 1).tensor("w", new long[] {33}, GgmlType.Q4_0, 0).bytes())
                .getMessage().contains("not a multiple of the block size 32"));
        byte[] badType = minimalHeader(1, 1).str("w").u32(1).u64(4).u32(4).u64(0).bytes();
        assertTrue(rejects(badType).getMessage().contains("unknown ggml type 4"));
    }

    @Test
    void badAlignment() throws Exception {
        byte[] bytes = minimalHeader(0, 2).kvU32("general.alignment", 48).bytes();
        assertTrue(rejects(bytes).getMessage().contains("not a power of two"));
    }

    @Test
    void missingArchitecture() throws Exception {
        byte[] bytes = GgufBytes.header(3, 0, 1).kvU32("general.alignment", 32).bytes();
        assertTrue(rejects(bytes).getMessage().contains("general.architecture"));
    }

    @Test
    void wellFormedHandMadeFileWithAlignmentAndNestedArrays() throws Exception {
        byte[] bytes = minimalHeader(2, 4).kvU32("general.alignment", 64)
                .str("nested").u32(GgufValueType.ARRAY.id()).u32(GgufValueType.ARRAY.id()).u64(2)
                .u32(GgufValueType.INT8.id()).u64(2).u8(0xFF).u8(3)
                .u32(GgufValueType.STRING.id()).u64(1).str("x")
                .str("f").u32(GgufValueType.FLOAT32.id()).f32(0.5f)
                .tensor("a", new long[] {32, 2}, GgmlType.Q8_0, 0).tensor("b", new long[] {3}, GgmlType.F16, 128)
                .pad(64).zeros(128 + 6).bytes();
        GgufFile gguf = GgufFile.read(Files.write(dir.resolve("ok.gguf"), bytes));
        assertEquals(64, gguf.alignment());
        assertEquals(0, gguf.tensorDataStart() % 64);
        assertEquals(68 + 6, gguf.tensorDataSize());
        GgufArray nested = gguf.getArray("nested").orElseThrow();
        assertEquals(-1, nested.arrays().get(0).longs()[0]);
        assertEquals("x", nested.arrays().get(1).strings().get(0));
        assertEquals(0.5, gguf.get("f").orElseThrow().asDouble());
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws Exception {
        byte[] real = Files.readAllBytes(TestAssets.file("models/stories260K.gguf"));
        int headerEnd = (int) GgufFile.read(TestAssets.file("models/stories260K.gguf")).tensorDataStart();
        Random random = new Random(26);
        Path file = dir.resolve("fuzz.gguf");
        int rejected = 0;
        for (int round = 0; round < 300; round++) {
            byte[] copy = real.clone();
            for (int flips = 0; flips < 4; flips++) {
                copy[random.nextInt(headerEnd)] = (byte) random.nextInt(256);
            }
            Files.write(file, copy);
            try {
                GgufFile.read(file);
            } catch (GgufFormatException expected) {
                rejected++;
            }
        }
        assertTrue(rejected > 0, "no corrupted copy was rejected");
    }
}
