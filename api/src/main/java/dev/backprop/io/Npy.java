package dev.backprop.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
public final class Npy {
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
    public static void write(NpyArray array, OutputStream out) throws IOException {
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
    public static NpyArray read(InputStream in, int maxBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be at least 0, got " + maxBytes);
        }
        // readNBytes grows its buffer as bytes arrive, so the limit is never allocated up front.
        byte[] bytes = in.readNBytes(Math.min(maxBytes, MAX_BYTES - 1) + 1);
        Header header = readHeader(bytes);
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
    public static NpyArray read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new ModelFormatException(file, null, "the file holds " + size + " bytes, more than the "
                    + MAX_BYTES + " this reader holds in one array");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return decode(readHeader(bytes), bytes);
        } catch (ModelFormatException e) {
            throw e.locatedAt(file, null);
        }
    }

    /** The parsed, validated header of {@code bytes}, which may hold only a prefix of the data. */
    static Header readHeader(byte[] bytes) throws ModelFormatException {
        if (bytes.length < MAGIC.length + 4) {
            throw problem("expected an .npy array of at least 10 bytes (magic, version, header length), got "
                    + bytes.length + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw problem("not an .npy array: expected the magic \\x93NUMPY, got " + hex(bytes, MAGIC.length));
            }
        }
        int major = bytes[6] & 0xFF;
        int minor = bytes[7] & 0xFF;
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int start;
        if (major == 1 && minor == 0) {
            headerLength = le.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 && minor == 0) {
            if (bytes.length < 12) {
                throw problem("a version 2.0 .npy needs 12 bytes before its header, got " + bytes.length);
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
        if (headerLength > bytes.length - start) {
            throw problem("the header declares " + headerLength + " bytes, but only " + (bytes.length - start)
                    + " follow; the array is truncated");
        }
        String text = new String(bytes, start, (int) headerLength, StandardCharsets.ISO_8859_1);
        return Header.of(HeaderParser.parse(text), start + (int) headerLength);
    }

    /** The array of {@code bytes}, whose size must be exactly what {@code header} declares. */
    static NpyArray decode(Header header, byte[] bytes) throws ModelFormatException {
        long present = bytes.length - (long) header.dataOffset();
        if (header.dataBytes() != present) {
            throw problem("the header declares " + header.describe() + ", but " + present
                    + " bytes follow it; the array is truncated or its header is wrong");
        }
        int count = (int) header.count();
        ByteBuffer data = ByteBuffer.wrap(bytes, header.dataOffset(), (int) present).slice().order(ByteOrder.LITTLE_ENDIAN);
        String dtype = header.dtype();
        if (dtype.equals(NpyArray.FLOAT32)) {
            float[] values = new float[count];
            data.asFloatBuffer().get(values);
            return new NpyArray(dtype, header.shape(), values);
        }
        if (dtype.equals(NpyArray.INT32)) {
            int[] values = new int[count];
            data.asIntBuffer().get(values);
            return new NpyArray(dtype, header.shape(), values);
        }
        return new NpyArray(dtype, header.shape(), decodeStrings(data, count, NpyArray.unicodeLength(dtype)));
    }

    private static String[] decodeStrings(ByteBuffer data, int count, int width) throws ModelFormatException {
        String[] values = new String[count];
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

    /** A validated header: supported dtype, C order (or a layout that equals it), rank 0 to 2. */
    record Header(String dtype, int[] shape, int dataOffset, long count, long dataBytes) {
        static Header of(Map<String, Object> dict, int dataOffset) throws ModelFormatException {
            for (String key : dict.keySet()) {
                if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                    throw problem("unexpected header key '" + key
                            + "'; an .npy header holds exactly 'descr', 'fortran_order' and 'shape'");
                }
            }
            Object descr = required(dict, "descr");
            if (!(descr instanceof String dtype)) {
                throw problem("expected 'descr' to be a dtype string such as '<f4', got " + describe(descr)
                        + " (structured dtypes are not supported)");
            }
            int itemSize;
            try {
                itemSize = NpyArray.itemSize(dtype);
            } catch (IllegalArgumentException e) {
                throw problem("unsupported dtype '" + dtype + "'; this reader handles '<f4' (float32), '<i4' (int32) and"
                        + " '<U…' (unicode); convert in numpy, e.g. a.astype(np.float32)");
            }
            Object shapeValue = required(dict, "shape");
            if (!(shapeValue instanceof List<?> dims) || dims.size() > 2) {
                throw problem("expected 'shape' to be a tuple of 0 to 2 dimensions, got " + describe(shapeValue));
            }
            int[] shape = new int[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                    throw problem("expected 'shape' to hold dimensions from 0 to " + Integer.MAX_VALUE + ", got "
                            + describe(shapeValue));
                }
                shape[i] = (int) (long) d;
            }
            Object fortran = required(dict, "fortran_order");
            if (!(fortran instanceof Boolean)) {
                throw problem("expected 'fortran_order' to be True or False, got " + describe(fortran));
            }
            // Column-major data would be read transposed. A 0-d or 1-d array has one layout, so
            // the flag changes nothing there.
            if ((Boolean) fortran && shape.length == 2) {
                throw problem("fortran_order is True for shape " + NpyArray.shapeString(shape)
                        + "; only C (row-major) order is supported: save np.ascontiguousarray(a)");
            }
            long count = (long) (shape.length > 0 ? shape[0] : 1) * (shape.length > 1 ? shape[1] : 1);
            long dataBytes;
            try {
                dataBytes = Math.multiplyExact(count, itemSize);
            } catch (ArithmeticException e) {
                dataBytes = Long.MAX_VALUE;
            }
            return new Header(dtype, shape, dataOffset, count, dataBytes);
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** "shape (30, 784) of '<f4', 94080 bytes of data". */
        String describe() {
            return "shape " + NpyArray.shapeString(shape) + " of '" + dtype + "', "
                    + (dataBytes == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(dataBytes))
                    + " bytes of data";
        }

        private static Object required(Map<String, Object> dict, String key) throws ModelFormatException {
            if (!dict.containsKey(key)) {
                throw problem("the header lacks '" + key + "'; it has " + dict.keySet());
            }
            return dict.get(key);
        }

        private static String describe(Object value) {
            if (value instanceof String s) {
                return "'" + s + "'";
            }
            if (value instanceof List<?> list) {
                StringBuilder s = new StringBuilder("(");
                for (int i = 0; i < list.size(); i++) {
                    s.append(i == 0 ? "" : ", ").append(describe(list.get(i)));
                }
                return s.append(list.size() == 1 ? ",)" : ")").toString();
            }
            return String.valueOf(value);
        }
    }

    /**
     * Parses the header: a Python dict literal of strings, booleans, integers and tuples. Only
     * the literals numpy writes are accepted; nothing is evaluated.
     */
    private static final class HeaderParser {
        private static final Object NONE = new Object() {
            @Override
            public String toString() {
                return "None";
            }
        };

        private final String text;
        private int pos;

        private HeaderParser(String text) {
            this.text = text;
        }

        static Map<String, Object> parse(String text) throws ModelFormatException {
            HeaderParser parser = new HeaderParser(text);
            Map<String, Object> dict = parser.dict();
            parser.skipSpace();
            if (parser.pos != text.length()) {
                throw parser.error("expected the end of the header after '}'");
            }
            return dict;
        }

        private Map<String, Object> dict() throws ModelFormatException {
            expect('{');
            Map<String, Object> dict = new LinkedHashMap<>();
            while (!peek('}')) {
                skipSpace();
                if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
                    throw error("expected a quoted key");
                }
                String key = string();
                expect(':');
                Object value = value();
                if (dict.put(key, value) != null) {
                    throw error("key '" + key + "' appears twice");
                }
                if (!peek('}')) {
                    expect(',');
                }
            }
            expect('}');
            return dict;
        }

        private Object value() throws ModelFormatException {
            skipSpace();
            if (pos >= text.length()) {
                throw error("expected a value");
            }
            char c = text.charAt(pos);
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(' || c == '[') {
                return sequence(c == '(' ? ')' : ']');
            }
            if (c >= '0' && c <= '9') {
                return integer();
            }
            int start = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                pos++;
            }
            switch (text.substring(start, pos)) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return NONE;
                default:
                    pos = start;
                    throw error("expected a string, number, tuple, True, False or None");
            }
        }

        private List<Object> sequence(char close) throws ModelFormatException {
            pos++;
            List<Object> items = new ArrayList<>();
            while (!peek(close)) {
                items.add(value());
                if (!peek(close)) {
                    expect(',');
                }
            }
            expect(close);
            return items;
        }

        private Long integer() throws ModelFormatException {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
                pos++;
            }
            String digits = text.substring(start, pos);
            // Python 2 era numpy wrote dimensions as longs: (3L,).
            if (pos < text.length() && text.charAt(pos) == 'L') {
                pos++;
            }
            if (digits.length() > 18) {
                pos = start;
                throw error("integer " + digits + " is too large");
            }
            return Long.parseLong(digits);
        }

        private String string() throws ModelFormatException {
            char quote = text.charAt(pos++);
            StringBuilder s = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != quote) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                s.append(c);
            }
            expect(quote);
            return s.toString();
        }

        private boolean peek(char c) {
            skipSpace();
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) throws ModelFormatException {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\n'
                    || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
                pos++;
            }
        }

        private ModelFormatException error(String what) {
            String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
            return problem("malformed header: " + what + " at character " + pos + " of " + shown.strip());
        }
    }
}
