package dev.backprop.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import dev.backprop.internal.Heap;

/**
 * Reads one unsigned-byte IDX file, plain or gzip, into its dimensions and raw payload, checking
 * every header field and the payload length. {@link Idx} turns the bytes into pixels or labels.
 *
 * <p>The header is trusted for nothing: the payload buffer grows only as bytes actually arrive,
 * so a small file that declares gigabytes fails with "truncated" instead of allocating them.
 */
final class IdxReader {
    /** What the reader found: the header's dimensions and the payload, which starts at {@code dataOffset}. */
    record Content(int[] dims, byte[] data, boolean gzip, int dataOffset) {}

    // The largest array most JVMs allocate; a payload beyond it cannot be held in one byte[] or float[].
    static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8;
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int FIRST_CHUNK = 1 << 20;
    private static final int IO_BUFFER = 1 << 16;

    private final Path file;
    private final boolean gzip;
    private InputStream in;
    private long position;

    private IdxReader(Path file, boolean gzip) {
        this.file = file;
        this.gzip = gzip;
    }

    /**
     * @param unit        what the payload bytes are, for messages ("pixels", "labels")
     * @param decodedSize bytes per payload byte that the caller will allocate to decode it (4 for
     *                    a float or an int): counted with the payload in the heap check
     * @param dimNames    one name per header dimension, the first being the item count (which may
     *                    be 0); the others must be at least 1
     */
    static Content read(Path file, String unit, int decodedSize, String... dimNames) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            BufferedInputStream buffered = new BufferedInputStream(raw, IO_BUFFER);
            IdxReader reader = new IdxReader(file, startsWithGzipMagic(buffered));
            long plainSize = reader.gzip ? -1 : Files.size(file);
            try (InputStream in = reader.open(buffered)) {
                reader.in = in;
                int[] dims = reader.readHeader(dimNames);
                int headerLength = 4 + 4 * dimNames.length;
                long declared = reader.checkedPayloadSize(dims, dimNames, unit);
                byte[] data = reader.readPayload((int) declared, headerLength, plainSize, unit, dims, dimNames, decodedSize);
                return new Content(dims, data, reader.gzip, headerLength);
            }
        }
    }

    // By content, not by name: a ".gz" that was already unpacked, or a gzip without the suffix, both still read.
    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    private InputStream open(BufferedInputStream buffered) throws IOException {
        if (!gzip) {
            return buffered;
        }
        try {
            return new GZIPInputStream(buffered, IO_BUFFER);
        } catch (ZipException | EOFException e) {
            throw damaged(e);
        }
    }

    private int[] readHeader(String[] dimNames) throws IOException {
        int headerLength = 4 + 4 * dimNames.length;
        byte[] magicBytes = new byte[4];
        if (fill(magicBytes, 0, 4) < 4) {
            throw truncatedHeader(headerLength, dimNames);
        }
        checkMagic(bigEndian(magicBytes, 0), dimNames.length);
        byte[] fields = new byte[4 * dimNames.length];
        if (fill(fields, 0, fields.length) < fields.length) {
            throw truncatedHeader(headerLength, dimNames);
        }
        int[] dims = new int[dimNames.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = bigEndian(fields, 4 * i);
            int minimum = i == 0 ? 0 : 1;
            if (dims[i] < minimum) {
                throw error(4 + 4L * i, "expected " + dimNames[i] + " of at least " + minimum + ", got " + dims[i]
                        + " (header field " + (i + 1) + " of " + dims.length + ")");
            }
        }
        return dims;
    }

    private void checkMagic(int magic, int dimensions) throws IdxFormatException {
        int expected = UNSIGNED_BYTE << 8 | dimensions;
        long offset;
        String hint;
        if (magic >>> 16 != 0) {
            offset = 0;
            hint = "; this is not an IDX file";
        } else if ((magic >>> 8 & 0xFF) != UNSIGNED_BYTE) {
            offset = 2;
            hint = "; only unsigned-byte IDX files (such as MNIST) can be read";
        } else if ((magic & 0xFF) != dimensions) {
            offset = 3;
            hint = switch (magic & 0xFF) {
                case 1 -> "; this looks like a label file, read it with Idx.readLabels";
                case 3 -> "; this looks like an image file, read it with Idx.readImages";
                default -> "";
            };
        } else {
            return;
        }
        throw error(offset, String.format("expected magic 0x%08X (%s), got 0x%08X (%s)%s",
                expected, describe(expected), magic, describe(magic), hint));
    }

    private static String describe(int magic) {
        if (magic >>> 16 != 0) {
            return "no IDX magic: its first two bytes must be zero";
        }
        int dimensions = magic & 0xFF;
        String type = switch (magic >>> 8 & 0xFF) {
            case 0x08 -> "unsigned bytes";
            case 0x09 -> "signed bytes";
            case 0x0B -> "16-bit integers";
            case 0x0C -> "32-bit integers";
            case 0x0D -> "32-bit floats";
            case 0x0E -> "64-bit floats";
            default -> String.format("unknown data type 0x%02X", magic >>> 8 & 0xFF);
        };
        return type + ", " + dimensions + (dimensions == 1 ? " dimension" : " dimensions");
    }

    // Checked before any allocation, and with BigInteger because three int dimensions overflow a long.
    private long checkedPayloadSize(int[] dims, String[] dimNames, String unit) throws IdxFormatException {
        BigInteger size = BigInteger.ONE;
        StringBuilder product = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            size = size.multiply(BigInteger.valueOf(dims[i]));
            product.append(i == 0 ? "" : " × ").append(dims[i]);
        }
        if (size.compareTo(BigInteger.valueOf(MAX_PAYLOAD)) > 0) {
            throw error(4, "header declares " + product + " = " + size + " " + unit + ", but at most " + MAX_PAYLOAD
                    + " fit in one array; expected a smaller " + String.join(" × ", dimNames)
                    + " (is the header damaged?)");
        }
        return size.longValueExact();
    }

    /**
     * Reads the payload. A plain file's length says up front whether the payload is all there, so
     * a short one fails as truncated before anything is allocated. A gzip stream's length says
     * nothing, so its buffer starts small and doubles as bytes actually arrive; the first time it
     * must grow, the declared size is checked against the heap, so that a small file that
     * decompresses to gigabytes (a "gzip bomb") is refused instead of filling it.
     *
     * @param decodedSize bytes per payload byte that the caller allocates to decode it
     */
    private byte[] readPayload(int declared, int headerLength, long plainSize, String unit, int[] dims,
                               String[] dimNames, int decodedSize) throws IOException {
        byte[] data;
        if (plainSize >= 0) {
            long available = Math.max(0, plainSize - headerLength);
            if (available < declared) {
                throw truncated(plainSize, declared, available, headerLength, unit);
            }
            requireHeap(declared, declared * (1L + decodedSize), unit, dims, dimNames);
            data = new byte[declared];
        } else {
            data = new byte[Math.min(declared, FIRST_CHUNK)];
        }
        int filled = 0;
        while (filled < declared) {
            if (filled == data.length) {
                if (data.length == Math.min(declared, FIRST_CHUNK)) {
                    // Growing by doubling holds the old and the new buffer at once: half as much again.
                    requireHeap(declared, declared + declared / 2 + declared * (long) decodedSize, unit, dims, dimNames);
                }
                data = Arrays.copyOf(data, (int) Math.min(declared, Math.max(2L * data.length, FIRST_CHUNK)));
            }
            int wanted = data.length - filled;
            int got = fill(data, filled, wanted);
            filled += got;
            if (got < wanted) {
                break;
            }
        }
        if (filled < declared) {
            throw truncated(position, declared, filled, headerLength, unit);
        }
        if (readOne() >= 0) {
            throw error(position - 1, "expected end of data at offset " + (position - 1) + " (header "
                    + headerLength + " bytes + " + declared + " bytes of " + unit + " as " + String.join(" × ", dimNames)
                    + "), found more bytes; the header does not match the data");
        }
        return data;
    }

    private IdxFormatException truncated(long end, long declared, long present, int headerLength, String unit) {
        return error(end, "truncated: header declares " + declared + " bytes of " + unit + " at offset "
                + headerLength + ", " + ends() + " after " + end + " bytes (" + (declared - present)
                + " missing); the file is incomplete, fetch it again");
    }

    /** Refuses, at offset 4 (the sizes), a payload whose bytes and decoded values cannot fit the heap. */
    private void requireHeap(long declared, long peakBytes, String unit, int[] dims, String[] dimNames)
            throws IdxFormatException {
        StringBuilder product = new StringBuilder();
        for (int d : dims) {
            product.append(product.length() == 0 ? "" : " × ").append(d);
        }
        String shortfall = Heap.shortfall(peakBytes, "the header declares " + product + " = " + declared + " " + unit
                + " (" + String.join(" × ", dimNames) + "), which as bytes and then values");
        if (shortfall != null) {
            throw error(4, shortfall);
        }
    }

    // Reads until len bytes or the end of the stream; fewer than len means the stream ended.
    private int fill(byte[] buffer, int offset, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n;
            try {
                n = in.read(buffer, offset + total, len - total);
            } catch (ZipException | EOFException e) {
                throw damaged(e);
            }
            if (n < 0) {
                break;
            }
            total += n;
            position += n;
        }
        return total;
    }

    private int readOne() throws IOException {
        try {
            int b = in.read();
            if (b >= 0) {
                position++;
            }
            return b;
        } catch (ZipException | EOFException e) {
            throw damaged(e);
        }
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private String ends() {
        return gzip ? "decompressed data ends" : "file ends";
    }

    private IdxFormatException truncatedHeader(int headerLength, String[] dimNames) {
        return error(position, "truncated header: expected " + headerLength + " header bytes (magic, "
                + String.join(", ", dimNames) + "), " + ends() + " after " + position + " bytes");
    }

    private IdxFormatException damaged(IOException cause) {
        String detail = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new IdxFormatException(file, position, true, "the gzip data is damaged or cut short (" + detail
                + ") after " + position + " decompressed bytes; fetch the file again", cause);
    }

    private IdxFormatException error(long offset, String problem) {
        return new IdxFormatException(file, offset, gzip, problem, null);
    }
}
