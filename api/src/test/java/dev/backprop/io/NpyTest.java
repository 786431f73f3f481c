package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    private static NpyArray roundTrip(NpyArray array) throws IOException {
        byte[] bytes = TestFiles.npy(array);
        return Npy.read(new ByteArrayInputStream(bytes), bytes.length);
    }

    private static ModelFormatException rejected(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> Npy.read(new ByteArrayInputStream(bytes), bytes.length));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void headerIsVersion1PaddedSoDataStartAtAMultipleOf64() throws IOException {
        List<NpyArray> arrays = List.of(NpyArray.scalar(1), NpyArray.of(new int[] {784, 30, 10}, 3),
                NpyArray.of(new float[30 * 784], 30, 784), NpyArray.scalar("log-likelihood"),
                NpyArray.of(new float[0], 0, 12345678));
        for (NpyArray array : arrays) {
            byte[] bytes = TestFiles.npy(array);
            assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, java.util.Arrays.copyOf(bytes, 8));
            int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
            assertEquals(0, (10 + headerLength) % 64, array.toString());
            assertEquals('\n', bytes[10 + headerLength - 1]);
            assertEquals(10 + headerLength + (long) array.size() * NpyArray.itemSize(array.dtype()), bytes.length);
        }
        String header = new String(TestFiles.npy(NpyArray.of(new float[30 * 784], 30, 784)), 10, 118, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (30, 784), }", header.strip());
    }

    @Test
    void roundTripsEveryDtypeAndRank() throws IOException {
        float[] floats = {0f, -0f, 1.5f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY};
        NpyArray f = roundTrip(NpyArray.of(floats, floats.length));
        assertEquals("<f4", f.dtype());
        for (int i = 0; i < floats.length; i++) {
            assertEquals(Float.floatToRawIntBits(floats[i]), Float.floatToRawIntBits(f.floats()[i]));
        }
        assertEquals(NpyArray.of(new int[] {1, -2, Integer.MIN_VALUE, 4, 5, 6}, 2, 3),
                roundTrip(NpyArray.of(new int[] {1, -2, Integer.MIN_VALUE, 4, 5, 6}, 2, 3)));
        assertEquals(NpyArray.scalar(7), roundTrip(NpyArray.scalar(7)));
        NpyArray strings = roundTrip(NpyArray.of(new String[] {"σ", "", "tanh", "𝜎′(z)"}, 4));
        assertEquals("<U5", strings.dtype());
        assertArrayEquals(new String[] {"σ", "", "tanh", "𝜎′(z)"}, strings.strings());
        NpyArray cost = roundTrip(NpyArray.scalar("quadratic"));
        assertEquals(0, cost.rank());
        assertEquals("quadratic", cost.strings()[0]);
        assertArrayEquals(new int[] {0, 5}, roundTrip(NpyArray.of(new float[0], 0, 5)).shape());
    }

    @Test
    void readsVersion2HeadersWithAUint32Length() throws IOException {
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }";
        String header = dict + " ".repeat(64 - (12 + dict.length() + 1) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(12 + header.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII)).putInt(41).putInt(-1);
        byte[] bytes = b.array();
        assertArrayEquals(new int[] {41, -1}, Npy.read(new ByteArrayInputStream(bytes), bytes.length).ints());
    }

    @Test
    void parsesHeadersInAnyKeyOrderWithOrWithoutPaddingAndPython2Longs() throws IOException {
        byte[] data = TestFiles.littleEndianFloats(new float[] {1, 2, 3, 4, 5, 6});
        for (String dict : List.of("{'shape': (2L, 3L), 'fortran_order': False, 'descr': '<f4'}",
                "{\"fortran_order\":False,\"descr\":\"<f4\",\"shape\":(2,3)}",
                "{'descr': '<f4',\n 'fortran_order': False,\n 'shape': ( 2 , 3 , ) , }")) {
            byte[] bytes = TestFiles.rawNpy(dict, data);
            NpyArray a = Npy.read(new ByteArrayInputStream(bytes), bytes.length);
            assertArrayEquals(new int[] {2, 3}, a.shape(), dict);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.floats(), dict);
        }
    }

    @Test
    void hugeShapeInATinyInputFailsBeforeAllocating() {
        byte[] bytes = TestFiles.rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1048576, 1048576), }",
                new byte[72]);
        assertEquals(200, bytes.length);
        ModelFormatException e = rejected(bytes);
        assertMentions(e, "(1048576, 1048576)", "4398046511104 bytes", "72 bytes follow");
        ModelFormatException overflow = rejected(TestFiles.rawNpy(
                "{'descr': '<U1000000', 'fortran_order': False, 'shape': (2147483647, 2147483647), }", new byte[4]));
        assertMentions(overflow, "more than");
    }

    @Test
    void truncatedDataAreRejected() throws IOException {
        byte[] full = TestFiles.npy(NpyArray.of(new float[12], 3, 4));
        ModelFormatException e = rejected(java.util.Arrays.copyOf(full, full.length - 3));
        assertMentions(e, "(3, 4)", "48 bytes of data", "45 bytes follow", "truncated");
        ModelFormatException header = rejected(java.util.Arrays.copyOf(full, 30));
        assertMentions(header, "header declares 118 bytes", "only 20 follow");
    }

    @Test
    void fortranOrderIsRejectedForMatricesOnly() throws IOException {
        ModelFormatException e = rejected(TestFiles.rawNpy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
                new byte[24]));
        assertMentions(e, "fortran_order is True", "(2, 3)", "np.ascontiguousarray");
        // A vector has a single layout, so the flag changes nothing.
        byte[] vector = TestFiles.rawNpy("{'descr': '<f4', 'fortran_order': True, 'shape': (6,), }", new byte[24]);
        assertEquals(6, Npy.read(new ByteArrayInputStream(vector), vector.length).size());
    }

    @Test
    void unsupportedDtypesNameWhatIsSupported() {
        ModelFormatException e = rejected(TestFiles.rawNpy("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }",
                new byte[4]));
        assertMentions(e, "'<f2'", "'<f4'", "'<f8'", "astype(np.float32)");
        assertMentions(rejected(TestFiles.rawNpy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }",
                new byte[4])), "structured");
        assertMentions(rejected(TestFiles.rawNpy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }",
                new byte[4])), "'>f4'");
    }

    @Test
    void malformedHeadersAreRejected() {
        assertMentions(rejected(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}), "not an .npy", "\\x01\\x02");
        assertMentions(rejected(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}), "at least 10 bytes", "got 6");
        byte[] v3 = TestFiles.rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
        v3[6] = 3;
        assertMentions(rejected(v3), "version 3.0 is not supported");
        assertMentions(rejected(TestFiles.rawNpy("{'descr': '<f4', 'shape': (1,), }", new byte[4])),
                "lacks 'fortran_order'");
        assertMentions(rejected(TestFiles.rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}",
                new byte[4])), "unexpected header key 'x'");
        assertMentions(rejected(TestFiles.rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,2,3), }",
                new byte[24])), "0 to 2 dimensions");
        assertMentions(rejected(TestFiles.rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': __import__('os'), }",
                new byte[4])), "malformed header");
        assertMentions(rejected(TestFiles.rawNpy("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}",
                new byte[4])), "appears twice");
    }

    @Test
    void deeplyNestedTuplesAreRefusedWithoutRecursingIntoThem() {
        // 30,000 opening brackets once overflowed the stack of a recursive parser.
        String deep = "(".repeat(30_000);
        ModelFormatException e = rejected(TestFiles.rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': " + deep
                + ", }", new byte[4]));
        assertMentions(e, "malformed header", "nested more than " + NpyHeaderParser.MAX_DEPTH + " deep");
    }

    @Test
    void aHugeStringDtypeOfNoValuesAllocatesNothing() throws IOException {
        // '<U536870911' is 2 GiB per value; with shape (0,) there is no value, so nothing to hold.
        byte[] bytes = TestFiles.rawNpy("{'descr': '<U536870911', 'fortran_order': False, 'shape': (0,), }", new byte[0]);
        long before = allocatedBytes();
        NpyArray empty = Npy.read(new ByteArrayInputStream(bytes), bytes.length);
        long allocated = allocatedBytes() - before;
        assertEquals(0, empty.size());
        assertTrue(before < 0 || allocated < 1 << 20, "reading an empty array allocated " + allocated + " bytes");
    }

    @Test
    void controlCharactersOfAHeaderAreEscapedInMessages() {
        // A header-length lie makes the parser read NUL bytes of the data as header text.
        byte[] bytes = TestFiles.rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", new byte[8]);
        byte[] lie = new byte[bytes.length + 64];
        System.arraycopy(bytes, 0, lie, 0, bytes.length);
        lie[8] = (byte) (bytes.length - 10 + 40);
        lie[bytes.length - 1] = 0x1b;           // ESC in place of the header's final newline
        ModelFormatException e = rejected(lie);
        assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '…'), e.getMessage());
        assertMentions(e, "\\x1b", "\\x00");
    }

    /** Bytes this thread has allocated so far, or −1 where the JVM cannot count them. */
    private static long allocatedBytes() {
        if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    @Test
    void streamLongerThanTheLimitIsRejected() throws IOException {
        byte[] bytes = TestFiles.npy(NpyArray.of(new float[100], 100));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(bytes), bytes.length - 1));
        assertMentions(e, "more than " + (bytes.length - 1) + " bytes", "(100,)");
    }

    @Test
    void readingAFileNamesIt(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.npy");
        Files.write(good, TestFiles.npy(NpyArray.of(new int[] {1, 2}, 2)));
        assertArrayEquals(new int[] {1, 2}, Npy.read(good).ints());
        Path bad = dir.resolve("bad.npy");
        Files.write(bad, new byte[3]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Npy.read(bad));
        assertEquals(bad, e.file());
        assertMentions(e, bad.toString(), "at least 10 bytes");
    }

    @Test
    void arraysCheckTheirDataAgainstDtypeAndShape() {
        assertThrows(IllegalArgumentException.class, () -> NpyArray.of(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new NpyArray("<f4", new int[] {2}, new int[2]));
        assertThrows(IllegalArgumentException.class, () -> new NpyArray("<U2", new int[] {1}, new String[] {"abc"}));
        assertThrows(IllegalArgumentException.class, () -> new NpyArray("<f8", new int[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.of(new float[8], 2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.scalar("a\0"));
        assertThrows(IllegalStateException.class, () -> NpyArray.scalar(1).floats());
        assertEquals("(3,)", NpyArray.of(new int[3], 3).shapeString());
        assertEquals("()", NpyArray.scalar(3).shapeString());
    }
}
