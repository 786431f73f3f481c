package dev.backprop.io;

import static dev.backprop.io.OnnxProto.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of damaged and hostile protobuf: every truncation of a real export, seeded random
 * corruption, lengths that lie, varints that never end, nesting a million deep, tensors that
 * declare terabytes. Each must end in an {@link OnnxFormatException} naming an offset (or, for
 * damage the format cannot see, a model that still reads), never in another exception, an
 * OutOfMemoryError or a StackOverflowError.
 */
class OnnxMalformedTest {
    @TempDir
    Path dir;

    private byte[] export() throws Exception {
        Network network = Network.of(3, 4, 2);
        Path file = dir.resolve("ok.onnx");
        Onnx.write(network, Parameters.initialize(network, Init.STANDARD_NORMAL, 5), file);
        return Files.readAllBytes(file);
    }

    /** Reads {@code bytes}: a model, or null after an OnnxFormatException; anything else fails the test. */
    private static TabularModelFile.Loaded readOrRefuse(byte[] bytes, String what) {
        try {
            return Onnx.read(bytes, Path.of("corpus.onnx"));
        } catch (OnnxFormatException e) {
            assertTrue(e.getMessage().startsWith("corpus.onnx"), what + ": " + e.getMessage());
            return null;
        } catch (Throwable e) {
            fail(what + ": expected an OnnxFormatException, got " + e, e);
            return null;
        }
    }

    @Test
    void everyTruncationIsRefusedOrLosesOnlyTrailingMetadata() throws Exception {
        byte[] whole = export();
        TabularModelFile.Loaded original = Onnx.read(whole, null);
        for (int length = 0; length < whole.length; length++) {
            TabularModelFile.Loaded model = readOrRefuse(Arrays.copyOf(whole, length), "truncated to " + length);
            if (model != null) {
                assertEquals(original.parameters(), model.parameters(), "truncated to " + length);
            }
        }
    }

    @Test
    void seededRandomCorruptionNeverEscapesAsAnotherException() throws Exception {
        byte[] whole = export();
        Random random = new Random(2024);
        for (int trial = 0; trial < 3000; trial++) {
            byte[] damaged = whole.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            readOrRefuse(damaged, "trial " + trial);
        }
    }

    @Test
    void lengthThatLiesNamesItsOffset() {
        // ModelProto field 7 (graph), length 2^40, then 3 bytes.
        byte[] bytes = {0x3a, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x20, 1, 2, 3};
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> Onnx.read(bytes, Path.of("lie.onnx")));
        assertEquals(1, e.offset(), "the offset of the length: " + e.getMessage());
        assertTrue(e.getMessage().contains("declares 1099511627776 bytes, but only 3 remain"), e.getMessage());
    }

    @Test
    void negativeLengthIsRefused() {
        byte[] bytes = new byte[12];
        bytes[0] = 0x3a;
        Arrays.fill(bytes, 1, 10, (byte) 0xFF);
        bytes[10] = 0x01; // a 10-byte varint of 2^64 − 1: negative as a long
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> Onnx.read(bytes, null));
        assertTrue(e.getMessage().contains("declares -1 bytes"), e.getMessage());
    }

    @Test
    void varintThatNeverEnds() {
        byte[] bytes = new byte[20];
        bytes[0] = 0x08;
        Arrays.fill(bytes, 1, 20, (byte) 0xFF);
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> Onnx.read(bytes, null));
        assertEquals(1, e.offset());
        assertTrue(e.getMessage().contains("longer than 10 bytes"), e.getMessage());
    }

    @Test
    void invalidWireTypesAndFieldZero() {
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(new byte[] {0x0b}, null)).getMessage()
                .contains("group wire type 3"));
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(new byte[] {0x0e}, null)).getMessage()
                .contains("wire type 6"));
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(new byte[] {0x00, 0x00}, null)).getMessage()
                .contains("field number 0"));
    }

    @Test
    void notAnOnnxFileAtAll() {
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(new byte[0], null)).getMessage()
                .contains("no graph"));
        byte[] csv = "sepal_length,species\n5.1,setosa\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        readOrRefuse(csv, "a CSV file");
        assertThrows(OnnxFormatException.class, () -> Onnx.read(csv, null));
    }

    @Test
    void nestingAMillionDeepIsSkippedNotRecursed() {
        // Unknown field 99 holding field 99 holding … 10^6 levels, inside a graph: skipped by length.
        int depth = 1_000_000;
        byte[] nested = nest(99, depth);
        ProtobufWriter graph = new ProtobufWriter().bytes(99, nested);
        byte[] model = new ProtobufWriter().message(MODEL_GRAPH, graph).toByteArray();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> Onnx.read(model, null));
            assertTrue(e.getMessage().contains("inputs that are not initializers") || e.getMessage().contains("opset"),
                    e.getMessage());
        });
    }

    @Test
    void subgraphsInAttributesAreNotDescended() throws Exception {
        // A node whose attribute 'body' holds a graph holding a node holding an attribute … 200,000 deep.
        int depth = 200_000;
        // From the outside in: NodeProto.attribute → AttributeProto.g → GraphProto.node → NodeProto.attribute → …
        int[] fields = {NODE_ATTRIBUTE, 6, GRAPH_NODE};
        ByteArrayOutputStream reversedHeaders = new ByteArrayOutputStream();
        long inner = 0;
        List<byte[]> headers = new java.util.ArrayList<>();
        for (int level = depth - 1; level >= 0; level--) { // innermost first: each length covers what it holds
            byte[] header = header(fields[level % 3], inner);
            headers.add(header);
            inner += header.length;
        }
        for (int i = headers.size() - 1; i >= 0; i--) {
            reversedHeaders.writeBytes(headers.get(i));
        }
        byte[] attribute = reversedHeaders.toByteArray(); // starts with a node's attribute field
        ProtobufWriter node = new ProtobufWriter().string(NODE_INPUT, "x").string(NODE_OUTPUT, "y").string(NODE_OP_TYPE, "Loop");
        byte[] nodeBytes = concat(node.toByteArray(), attribute);
        byte[] model = OnnxBytes.graph(2).output("y").bytes();
        byte[] graphWithNode = new ProtobufWriter().varint(MODEL_IR_VERSION, 8)
                .bytes(MODEL_GRAPH, concat(new ProtobufWriter().bytes(GRAPH_NODE, nodeBytes).toByteArray(),
                        graphBody(model)))
                .message(MODEL_OPSET_IMPORT, new ProtobufWriter().varint(OPSET_VERSION, 13)).toByteArray();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> Onnx.read(graphWithNode, null));
            assertTrue(e.getMessage().contains("(Loop): not supported"), e.getMessage());
        });
    }

    @Test
    void hugeDeclaredTensorIsRefusedBeforeAllocation() {
        byte[] model = OnnxBytes.graph(2)
                .tensor(new ProtobufWriter().varint(TENSOR_DIMS, 100_000).varint(TENSOR_DIMS, 100_000)
                        .varint(TENSOR_DATA_TYPE, FLOAT).string(TENSOR_NAME, "W").bytes(TENSOR_RAW_DATA, new byte[8]))
                .node("Gemm", "g", List.of("x", "W"), "y").output("y").bytes();
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> Onnx.read(model, null));
        assertTrue(e.getMessage().contains("'W' declares dimensions [100000, 100000] = 10000000000 values (40000000000 bytes),"
                + " but its raw_data holds 8 bytes"), e.getMessage());
        assertTrue(e.offset() > 0);

        byte[] overflow = OnnxBytes.graph(2)
                .tensor(new ProtobufWriter().varint(TENSOR_DIMS, 1L << 62).varint(TENSOR_DIMS, 1L << 62)
                        .varint(TENSOR_DATA_TYPE, FLOAT).string(TENSOR_NAME, "W")).output("y").bytes();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(overflow, null)).getMessage()
                .contains("overflows"));

        byte[] negative = OnnxBytes.graph(2).tensor(new ProtobufWriter().varint(TENSOR_DIMS, -4)
                .varint(TENSOR_DATA_TYPE, FLOAT).string(TENSOR_NAME, "W")).output("y").bytes();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(negative, null)).getMessage()
                .contains("negative dimension"));

        byte[] missingValues = OnnxBytes.graph(2).tensor(new ProtobufWriter().varint(TENSOR_DIMS, 1000)
                .varint(TENSOR_DATA_TYPE, FLOAT).string(TENSOR_NAME, "b").float32(TENSOR_FLOAT_DATA, 1f)).output("y").bytes();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(missingValues, null)).getMessage()
                .contains("1000 values, but holds 1"));
    }

    @Test
    void unsupportedTensorStorage() {
        byte[] external = OnnxBytes.graph(2).tensor(new ProtobufWriter().varint(TENSOR_DIMS, 2)
                .varint(TENSOR_DATA_TYPE, FLOAT).string(TENSOR_NAME, "W").varint(TENSOR_DATA_LOCATION, 1)).output("y").bytes();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(external, null)).getMessage()
                .contains("external file"));
        byte[] int64 = OnnxBytes.graph(2).tensor(new ProtobufWriter().varint(TENSOR_DIMS, 1)
                .varint(TENSOR_DATA_TYPE, 7).string(TENSOR_NAME, "shape")).output("y").bytes();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(int64, null)).getMessage()
                .contains("data type 7"));
        byte[] packedOdd = OnnxBytes.graph(2).tensor(new ProtobufWriter().varint(TENSOR_DIMS, 1)
                .varint(TENSOR_DATA_TYPE, FLOAT).string(TENSOR_NAME, "W").bytes(TENSOR_FLOAT_DATA, new byte[5]))
                .output("y").bytes();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(packedOdd, null)).getMessage()
                .contains("not a multiple of 4"));
    }

    @Test
    void invalidUtf8InANameIsRefused() {
        byte[] model = new ProtobufWriter().message(MODEL_GRAPH, new ProtobufWriter().message(GRAPH_NODE,
                new ProtobufWriter().bytes(NODE_OP_TYPE, new byte[] {(byte) 0xC3, 0x28}))).toByteArray();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(model, null)).getMessage()
                .contains("not valid UTF-8"));
    }

    @Test
    void fileLargerThanTheHeapIsRefusedBeforeReading() throws Exception {
        // A sparse file: its size is real to Files.size, its blocks are never written.
        Path huge = dir.resolve("huge.onnx");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            // Over half the heap (the bytes and their floats would not fit) or over 2 GiB (one array):
            // refused either way, before a byte is read.
            f.setLength(Runtime.getRuntime().maxMemory() / 2 + (1 << 20));
        }
        dev.backprop.data.DataTooLargeException e = assertThrows(dev.backprop.data.DataTooLargeException.class,
                () -> Onnx.read(huge));
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
    }

    private static byte[] nest(int field, int depth) {
        List<byte[]> headers = new java.util.ArrayList<>();
        long inner = 0;
        for (int i = 0; i < depth; i++) {
            byte[] h = header(field, inner);
            headers.add(h);
            inner += h.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = headers.size() - 1; i >= 0; i--) {
            out.writeBytes(headers.get(i));
        }
        return out.toByteArray();
    }

    /** A length-delimited field's tag and length, for content of {@code length} bytes. */
    private static byte[] header(int field, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long v : new long[] {((long) field << 3) | 2, length}) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
        return out.toByteArray();
    }

    /** The GraphProto bytes inside a model made by {@link OnnxBytes}. */
    private static byte[] graphBody(byte[] model) throws OnnxFormatException {
        ProtobufReader r = new ProtobufReader(model, 0, model.length, null, "ModelProto");
        while (r.hasMore()) {
            if (r.field() == MODEL_GRAPH) {
                ProtobufReader g = r.message("GraphProto");
                return Arrays.copyOfRange(model, g.position(), g.position() + g.size());
            }
            r.skip();
        }
        throw new AssertionError("no graph");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
