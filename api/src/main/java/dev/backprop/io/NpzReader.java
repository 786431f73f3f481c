package dev.backprop.io;

import dev.backprop.internal.Heap;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the arrays of an .npz (numpy's zip of .npy files) one at a time, trusting nothing in the
 * file: each array's header is checked by the caller before its data are read, the data must fit
 * the heap before they are allocated, and every entry's CRC-32 and length are compared with what
 * the zip's directory records ({@link ZipFile} itself checks neither, so without this a flipped
 * bit in a weight would load as a different weight).
 */
final class NpzReader implements Closeable {
    /** np.savez stores array "w2" as the zip entry "w2.npy". */
    static final String SUFFIX = ".npy";

    /** What the caller requires of an array, checked on its header before any data are read. */
    interface HeaderCheck {
        void check(NpyHeader header) throws ModelFormatException;
    }

    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;

    private NpzReader(Path file, ZipFile zip, Map<String, ZipEntry> entries) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
    }

    /** Opens {@code file} and lists its arrays. */
    static NpzReader open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelFormatException(file, null, "not an .npz (zip) file: " + e.getMessage()
                    + "; expected a file written by ModelFile.save or numpy's np.savez (truncated or corrupt?)", e);
        }
        try {
            return new NpzReader(file, zip, entriesByKey(file, zip));
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /** The keys of the arrays, sorted. */
    Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /**
     * Reads array {@code key}: its header first, which {@code check} must accept, then exactly the
     * data that header declares, whose CRC-32 must match the zip's.
     *
     * @throws ModelFormatException naming the file and array when anything does not match
     */
    NpyArray read(String key, HeaderCheck check) throws IOException {
        ZipEntry entry = entries.get(key);
        if (entry == null) {
            throw new ModelFormatException(file, key, "missing; the file holds " + entries.keySet());
        }
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(entry), new CRC32())) {
            byte[] prefix = in.readNBytes(12);
            byte[] preamble = prefix;
            int preambleLength = Npy.preambleLength(prefix);
            if (preambleLength > prefix.length) {
                byte[] rest = in.readNBytes(preambleLength - prefix.length);
                preamble = new byte[prefix.length + rest.length];
                System.arraycopy(prefix, 0, preamble, 0, prefix.length);
                System.arraycopy(rest, 0, preamble, prefix.length, rest.length);
            }
            NpyHeader header = Npy.readHeader(preamble);
            check.check(header);
            long dataBytes = header.dataBytes();
            if (dataBytes > Npy.MAX_BYTES) {
                throw problem(key, "the header declares " + header.describe() + ", more than the " + Npy.MAX_BYTES
                        + " bytes one array holds");
            }
            // The raw bytes (which readNBytes may hold twice while it grows them) and the decoded values.
            String shortfall = Heap.shortfall(3 * dataBytes, "the " + dataBytes + " bytes of array '" + key + "'");
            if (shortfall != null) {
                throw problem(key, shortfall);
            }
            // The header overlapping into the data: what was read beyond the preamble belongs to the data.
            int extra = preamble.length - preambleLength;
            byte[] data = new byte[0];
            if (extra > 0) {
                data = Arrays.copyOfRange(preamble, preambleLength, preamble.length);
            }
            long missing = dataBytes - data.length;
            if (missing > 0) {
                byte[] more = in.readNBytes((int) missing);
                byte[] joined = Arrays.copyOf(data, data.length + more.length);
                System.arraycopy(more, 0, joined, data.length, more.length);
                data = joined;
            }
            long total = preambleLength + (long) data.length;
            if (data.length > dataBytes || in.read() >= 0) {
                throw problem(key, "the entry holds more than the " + dataBytes + " bytes of data its header declares ("
                        + header.describe() + "); the entry is corrupt");
            }
            checkIntegrity(key, entry, in.getChecksum().getValue(), total);
            return Npy.decode(header, data, 0);
        } catch (ZipException | EOFException e) {
            throw new ModelFormatException(file, key, "the zip entry is corrupt ("
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + "); the file is damaged, save or fetch it again", e);
        } catch (ModelFormatException e) {
            throw e.file() == null ? e.locatedAt(file, key) : e;
        }
    }

    /** The zip's directory records every entry's length and CRC-32: both must match what was read. */
    private void checkIntegrity(String key, ZipEntry entry, long crc, long length) throws ModelFormatException {
        if (entry.getSize() >= 0 && entry.getSize() != length) {
            throw problem(key, "the zip records " + entry.getSize() + " bytes for this entry, but it holds " + length
                    + "; the file is corrupt, save or fetch it again");
        }
        if (entry.getCrc() >= 0 && entry.getCrc() != crc) {
            throw problem(key, String.format("the CRC-32 of its %d bytes is %08x, but the zip records %08x: the file "
                    + "is corrupt (a changed byte), save or fetch it again", length, crc, entry.getCrc()));
        }
    }

    private ModelFormatException problem(String key, String reason) {
        return new ModelFormatException(file, key, reason);
    }

    /** The entries by key: numpy's np.load names an entry "w2.npy" "w2". */
    private static Map<String, ZipEntry> entriesByKey(Path file, ZipFile zip) throws ModelFormatException {
        Map<String, ZipEntry> entries = new TreeMap<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            if (entry.isDirectory()) {
                continue;
            }
            String name = entry.getName();
            String key = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
            if (entries.put(key, entry) != null) {
                throw new ModelFormatException(file, Printable.escape(key), "appears twice in the zip; the file is ambiguous");
            }
        }
        return entries;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
