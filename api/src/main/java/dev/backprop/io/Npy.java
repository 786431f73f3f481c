package dev.backprop.io;

import dev.backprop.internal.Heap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes and reads one array in numpy's .npy format (the "NPY format" of numpy's
 * {@code numpy.lib.format} documentation, versions 1.0 and 2.0).
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(path)) {
 *     Npy.write(NpyArray.of(weights, 30, 784), out);
 * }
 * NpyArray back = Npy.read(path);                       // numpy: np.load(path)
 * }</pre>
 *
 * <p>Files are written as version 1.0, little-endian, C order. The reader accepts versions 1.0
 * and 2.0 and the dtypes of {@link NpyArray}; it checks the sizes the header declares against the
 * bytes actually present before it allocates anything, so a hostile header cannot make it
 * allocate more memory than the input's own size.
 */
final class Npy {
    /** The format's magic string: the byte 0x93 and "NUMPY". */
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /**
     * The longest header dictionary read. Version 1.0 cannot exceed it (uint16 length); 2.0 only
     * needs more for structured dtypes with many fields, which this reader does not support.
     */
    static final int MAX_HEADER_LENGTH = 0xFFFF;
    /** Magic, version, a uint32 length (version 2.0) and the longest header. */
    static final int MAX_PREAMBLE = MAGIC.length + 2 + 4 + MAX_HEADER_LENGTH;
    /** The largest Java byte array the reader holds; some JVMs refuse {@code Integer.MAX_VALUE}. */
    static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    private static final int CHUNK = 1 << 13;

    private Npy() {
    }

    /**
     * Writes {@code array} as a version 1.0 .npy: magic, version, header, data.
     *
     * @throws IOException from {@code out}
     */
    static void write(NpyArray array, OutputStream out) throws IOException {
        String dict = "{'descr': '" + array.dtype() + "', 'fortran_order': False, 'shape': " + array.shapeString() + ", }";
        // The NPY format spec (numpy.lib.format, version 1.0) pads the header with spaces and ends
        // it with '\n' so that magic (6) + version (2) + length (2) + header is a multiple of 64:
        // the data then start aligned, which lets numpy memory-map them.
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        out.write(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xFF);
        out.write(header.length() >>> 8);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        writeData(array, out);
    }

    /**
     * Reads one .npy from {@code in}, to its end, holding at most {@code maxBytes} bytes.
     *
     * @param maxBytes the most bytes the stream may hold, header included; a longer stream is
     *                 rejected after reading one byte past the limit, not allocated
     * @throws ModelFormatException when the bytes are not an .npy this reader supports, or exceed
     *                              {@code maxBytes}
     */
    static NpyArray read(InputStream in, int maxBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be at least 0, got " + maxBytes);
        }
        // readNBytes grows its buffer as bytes arrive, so the limit is never allocated up front.
        byte[] bytes = in.readNBytes(Math.min(maxBytes, MAX_BYTES - 1) + 1);
        NpyHeader header = readHeader(bytes);
        if (bytes.length > maxBytes) {
            throw new ModelFormatException(null, null, "the stream holds more than " + maxBytes
                    + " bytes, the limit given; its header declares " + header.describe());
        }
        return decode(header, bytes);
    }

    /**
     * Reads an .npy file.
     *
     * @throws ModelFormatException naming the file when it is not an .npy this reader supports
     */
    static NpyArray read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new ModelFormatException(file, null, "the file holds " + size + " bytes, more than the "
                    + MAX_BYTES + " this reader holds in one array");
        }
        // The bytes, then values of at most the same size decoded from them.
        String shortfall = Heap.shortfall(2 * size, "the file's " + size + " bytes and the values decoded from them");
        if (shortfall != null) {
            throw new ModelFormatException(file, null, shortfall);
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return decode(readHeader(bytes), bytes);
        } catch (ModelFormatException e) {
            throw e.locatedAt(file, null);
        }
    }

    /**
     * How many bytes the preamble (magic, version, header length and header) of the .npy starting
     * with {@code prefix} takes: {@code prefix} needs its first 10 bytes (12 for version 2.0).
     */
    static int preambleLength(byte[] prefix) throws ModelFormatException {
        if (prefix.length < MAGIC.length + 4) {
            throw problem("expected an .npy array of at least 10 bytes (magic, version, header length), got "
                    + prefix.length + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix[i] != MAGIC[i]) {
                throw problem("not an .npy array: expected the magic \\x93NUMPY, got " + hex(prefix, MAGIC.length));
            }
        }
        int major = prefix[6] & 0xFF;
        int minor = prefix[7] & 0xFF;
        ByteBuffer le = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int start;
        if (major == 1 && minor == 0) {
            headerLength = le.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 && minor == 0) {
            if (prefix.length < 12) {
                throw problem("a version 2.0 .npy needs 12 bytes before its header, got " + prefix.length);
            }
            headerLength = le.getInt(8) & 0xFFFFFFFFL;
            start = 12;
        } else {
            throw problem("npy format version " + major + "." + minor
                    + " is not supported; this reader reads 1.0 and 2.0 (numpy writes 1.0 unless a header needs more)");
        }
        if (headerLength > MAX_HEADER_LENGTH) {
            throw problem("the header declares " + headerLength + " bytes, more than the " + MAX_HEADER_LENGTH
                    + " this reader accepts");
        }
        return start + (int) headerLength;
    }

    /** The parsed, validated header of {@code bytes}, which may hold only a prefix of the data. */
    static NpyHeader readHeader(byte[] bytes) throws ModelFormatException {
        int end = preambleLength(bytes);
        int start = (bytes[6] & 0xFF) == 1 ? 10 : 12;
        if (end > bytes.length) {
            throw problem("the header declares " + (end - start) + " bytes, but only " + (bytes.length - start)
                    + " follow; the array is truncated");
        }
        String text = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        return NpyHeader.of(NpyHeaderParser.parse(text), end);
    }

    /** The array of {@code bytes}, whose size must be exactly what {@code header} declares. */
    static NpyArray decode(NpyHeader header, byte[] bytes) throws ModelFormatException {
        return decode(header, bytes, header.dataOffset());
    }

    /** The array whose data are {@code bytes[dataOffset…]}, exactly as many as {@code header} declares. */
    static NpyArray decode(NpyHeader header, byte[] bytes, int dataOffset) throws ModelFormatException {
        long present = bytes.length - (long) dataOffset;
        if (header.dataBytes() != present) {
            throw problem("the header declares " + header.describe() + ", but " + present
                    + " bytes follow it; the array is truncated or its header is wrong");
        }
        // From here count · itemSize == present ≤ bytes.length: every allocation below is bounded
        // by bytes already read.
        int count = (int) header.count();
        ByteBuffer data = ByteBuffer.wrap(bytes, dataOffset, (int) present).slice().order(ByteOrder.LITTLE_ENDIAN);
        String dtype = header.dtype();
        switch (dtype) {
            case NpyArray.FLOAT32: {
                float[] values = new float[count];
                data.asFloatBuffer().get(values);
                return new NpyArray(dtype, header.shape(), values);
            }
            case NpyArray.FLOAT64: {
                double[] values = new double[count];
                data.asDoubleBuffer().get(values);
                return new NpyArray(dtype, header.shape(), values);
            }
            case NpyArray.INT32: {
                int[] values = new int[count];
                data.asIntBuffer().get(values);
                return new NpyArray(dtype, header.shape(), values);
            }
            case NpyArray.INT64: {
                long[] values = new long[count];
                data.asLongBuffer().get(values);
                return new NpyArray(dtype, header.shape(), values);
            }
            default:
                return new NpyArray(dtype, header.shape(), decodeStrings(data, count, NpyArray.unicodeLength(dtype)));
        }
    }

    private static String[] decodeStrings(ByteBuffer data, int count, int width) throws ModelFormatException {
        String[] values = new String[count];
        if (count == 0) {
            // '<U536870911' of shape (0,) is legal and holds nothing: allocate nothing for it.
            return values;
        }
        int[] codePoints = new int[width];
        for (int i = 0; i < count; i++) {
            int length = 0;
            for (int c = 0; c < width; c++) {
                codePoints[c] = data.getInt();
                if (codePoints[c] != 0) {
                    length = c + 1;
                }
            }
            // Trailing U+0000 are padding: numpy strips them too.
            for (int c = 0; c < length; c++) {
                if (!Character.isValidCodePoint(codePoints[c])) {
                    throw problem("string [" + i + "] holds 0x" + Integer.toHexString(codePoints[c])
                            + ", which is not a unicode code point; the data are not UTF-32");
                }
            }
            values[i] = new String(codePoints, 0, length);
        }
        return values;
    }

    private static void writeData(NpyArray array, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        Object data = array.data();
        if (data instanceof float[] floats) {
            for (float v : floats) {
                flushIfFull(buffer, out, 4).putFloat(v);
            }
        } else if (data instanceof int[] ints) {
            for (int v : ints) {
                flushIfFull(buffer, out, 4).putInt(v);
            }
        } else if (data instanceof double[] doubles) {
            for (double v : doubles) {
                flushIfFull(buffer, out, 8).putDouble(v);
            }
        } else if (data instanceof long[] longs) {
            for (long v : longs) {
                flushIfFull(buffer, out, 8).putLong(v);
            }
        } else {
            int width = NpyArray.unicodeLength(array.dtype());
            for (String s : (String[]) data) {
                int[] codePoints = s.codePoints().toArray();
                for (int c = 0; c < width; c++) {
                    flushIfFull(buffer, out, 4).putInt(c < codePoints.length ? codePoints[c] : 0);
                }
            }
        }
        out.write(buffer.array(), 0, buffer.position());
    }

    private static ByteBuffer flushIfFull(ByteBuffer buffer, OutputStream out, int needed) throws IOException {
        if (buffer.remaining() < needed) {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return buffer;
    }

    private static ModelFormatException problem(String reason) {
        return new ModelFormatException(null, null, reason);
    }

    private static String hex(byte[] bytes, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(length, bytes.length); i++) {
            s.append(String.format("\\x%02x", bytes[i] & 0xFF));
        }
        return s.toString();
    }
}
