package dev.backprop;

import dev.backprop.data.Dataset;
import dev.backprop.data.Mnist;
import dev.backprop.io.ModelFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A generated corpus of damaged and hostile files for every public reader ({@link Mnist#loadPair}
 * for IDX images and labels, plain and gzip; {@link ModelFile#load} for .npz models and the .npy
 * arrays inside them), and a {@link #main runner} that feeds each file to its reader in a JVM of
 * small heap and prints one line per case: {@code name TAB outcome TAB message}.
 *
 * <p>Cases: truncation at every offset of a small file, every header field set to extreme values,
 * sampled bit flips, and the hostile inputs found by hand (gzip bombs, sizes whose products
 * overflow, a 1 GiB deflated entry, deep nesting, giant string dtypes, header-length lies).
 */
final class HostileCorpus {
    /** The reader a case goes to. */
    enum Kind { IMAGES, LABELS, MODEL }

    /** One file, the reader it is for, and for a model the bits it must load as if it loads at all. */
    record Case(String name, Kind kind) {}

    private final Path dir;
    private final List<Case> cases = new ArrayList<>();
    private final Random random = new Random(20261202);

    HostileCorpus(Path dir) {
        this.dir = dir;
    }

    /** Writes every case into the directory, with a good label and image file and a good model beside them. */
    List<Case> generate() throws IOException {
        byte[] images = idx(0x803, new int[] {3, 4, 5}, ramp(60));
        byte[] labels = idx(0x801, new int[] {3}, new byte[] {1, 2, 0});
        Files.write(dir.resolve("good-images"), images);
        Files.write(dir.resolve("good-labels"), labels);
        idxCases("images", Kind.IMAGES, images);
        idxCases("labels", Kind.LABELS, labels);
        bombs();
        Path model = dir.resolve("good-model.npz");
        ModelFile.save(GOOD_NETWORK, goodParameters(), model);
        modelCases(Files.readAllBytes(model));
        return cases;
    }

    static final Network GOOD_NETWORK = Network.builder(6).layer(5, Activations.TANH).layer(3, Activations.SOFTMAX)
            .cost(Costs.LOG_LIKELIHOOD).build();

    static Parameters goodParameters() {
        return Parameters.initialize(GOOD_NETWORK, Init.STANDARD_NORMAL, 9);
    }

    private void idxCases(String prefix, Kind kind, byte[] good) throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            String p = prefix + (gz ? "-gz" : "");
            byte[] file = gz ? gzip(good) : good;
            for (int cut = 0; cut < file.length; cut++) {
                add(p + "-cut" + cut, kind, Arrays.copyOf(file, cut));
            }
            for (int i = 0; i < 40; i++) {
                byte[] flipped = file.clone();
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                add(p + "-flip" + i, kind, flipped);
            }
            add(p + "-trailing", kind, gz ? gzip(concat(good, new byte[3])) : concat(good, new byte[3]));
        }
        int fields = kind == Kind.IMAGES ? 4 : 2;
        int[] extremes = {0, 1, -1, 2, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 21, 65536, 0x08030000, 0x0803};
        for (int field = 0; field < fields; field++) {
            for (int value : extremes) {
                byte[] changed = good.clone();
                ByteBuffer.wrap(changed).putInt(4 * field, value);
                add(prefix + "-field" + field + "=" + value, kind, changed);
                add(prefix + "-gz-field" + field + "=" + value, kind, gzip(changed));
            }
        }
    }

    private void bombs() throws IOException {
        // 2.7M × 28 × 28 declared, a few MB of zeros present: decompresses far beyond a small heap's worth.
        add("bomb-images-2.7M", Kind.IMAGES, gzipped(idxHeader(0x803, 2_700_000, 28, 28), 4 << 20));
        add("bomb-labels-2e9", Kind.LABELS, gzipped(idxHeader(0x801, 2_000_000_000), 4 << 20));
        add("images-overflow", Kind.IMAGES, idxHeader(0x803, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
        add("images-zero-count", Kind.IMAGES, idxHeader(0x803, 0, 28, 28));
    }

    private void modelCases(byte[] good) throws IOException {
        for (int i = 0; i < 120; i++) {
            byte[] flipped = good.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            add("model-flip" + i, Kind.MODEL, flipped);
        }
        for (int i = 0; i < 60; i++) {
            add("model-cut" + i, Kind.MODEL, Arrays.copyOf(good, random.nextInt(good.length)));
        }
        Map<String, byte[]> entries = entries(good);
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (5, 6), }";
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        hostile.put("deep-nesting", npy("{'descr': '<f4', 'fortran_order': False, 'shape': " + "(".repeat(30_000) + ", }",
                new byte[0]));
        hostile.put("giant-unicode", npy("{'descr': '<U536870911', 'fortran_order': False, 'shape': (0,), }", new byte[0]));
        hostile.put("giant-unicode-one", npy("{'descr': '<U536870911', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        hostile.put("header-lie", headerLengthLie(npy(header, new byte[120])));
        hostile.put("shape-huge", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647), }",
                new byte[8]));
        hostile.put("shape-negative", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-5, 6), }", new byte[120]));
        hostile.put("dtype-f2", npy("{'descr': '<f2', 'fortran_order': False, 'shape': (5, 6), }", new byte[60]));
        hostile.put("dtype-object", npy("{'descr': '|O', 'fortran_order': False, 'shape': (5, 6), }", new byte[240]));
        hostile.put("python-call", npy("{'descr': '<f4', 'fortran_order': False, 'shape': __import__('os').system('x'), }",
                new byte[0]));
        hostile.put("version-9", version(npy(header, new byte[120]), 9));
        hostile.put("empty", new byte[0]);
        for (Map.Entry<String, byte[]> h : hostile.entrySet()) {
            Map<String, byte[]> edited = new LinkedHashMap<>(entries);
            edited.put("w2", h.getValue());
            add("model-w2-" + h.getKey(), Kind.MODEL, zip(edited, Deflater.DEFLATED));
        }
        // Architectures that cannot be held: an int32 product overflow, and 1 GiB of honest zeros.
        Map<String, byte[]> overflow = new LinkedHashMap<>(entries);
        overflow.remove("w3");
        overflow.remove("b3");
        overflow.put("sizes", npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", ints(1610612735, 2147483647)));
        overflow.put("activations", npy("{'descr': '<U4', 'fortran_order': False, 'shape': (1,), }", utf32("tanh")));
        overflow.put("cost", npy("{'descr': '<U9', 'fortran_order': False, 'shape': (), }", utf32("quadratic")));
        add("model-sizes-overflow", Kind.MODEL, zip(overflow, Deflater.DEFLATED));
        add("model-1GiB-entry", Kind.MODEL, gibibyteModel(overflow));
        add("model-not-a-zip", Kind.MODEL, "PK not really".getBytes(StandardCharsets.US_ASCII));
    }

    /** sizes [16384, 16384] and a w2 of 16384² zeros: 1 GiB inflated from about 1 MB. */
    private byte[] gibibyteModel(Map<String, byte[]> base) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (Map.Entry<String, byte[]> e : base.entrySet()) {
                if (e.getKey().equals("w2") || e.getKey().equals("b2") || e.getKey().equals("sizes")) {
                    continue;
                }
                putEntry(zip, e.getKey(), e.getValue());
            }
            putEntry(zip, "sizes", npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", ints(16384, 16384)));
            putEntry(zip, "b2", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (16384,), }", new byte[4 * 16384]));
            zip.putNextEntry(new ZipEntry("w2.npy"));
            zip.write(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (16384, 16384), }", new byte[0]));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private void add(String name, Kind kind, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
        cases.add(new Case(name, kind));
    }

    // ---- the runner, in a JVM of its own ----

    /**
     * Reads every case named in {@code args[1…]} of kind {@code args[0]}-prefixed lines
     * ("IMAGES name") from the directory {@code args[0]} and prints one line each.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        Parameters expected = goodParameters();
        for (String line : Files.readAllLines(dir.resolve("manifest"))) {
            String[] parts = line.split("\t");
            Kind kind = Kind.valueOf(parts[0]);
            Path file = dir.resolve(parts[1]);
            String outcome;
            String message = "";
            try {
                switch (kind) {
                    case IMAGES -> outcome = describe(Mnist.loadPair(file, dir.resolve("good-labels"), 10));
                    case LABELS -> outcome = describe(Mnist.loadPair(dir.resolve("good-images"), file, 10));
                    default -> outcome = ModelFile.load(file).parameters().equals(expected) ? "SAME" : "DIFFERENT";
                }
            } catch (Throwable t) {
                outcome = t.getClass().getName();
                message = String.valueOf(t.getMessage());
            }
            out.println(parts[1] + "\t" + outcome + "\t" + message.replace("\n", "\\n").replace("\t", "\\t"));
        }
    }

    private static String describe(Dataset data) {
        return "LOADED " + data.size();
    }

    // ---- bytes ----

    static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(payload).array();
    }

    private static byte[] idxHeader(int magic, int... dims) {
        return idx(magic, dims, new byte[0]);
    }

    private static byte[] ramp(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static byte[] gzip(byte[] plain) {
        return gzipped(plain, 0);
    }

    /** {@code head} followed by {@code zeros} zero bytes, gzip-compressed. */
    private static byte[] gzipped(byte[] head, int zeros) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(head);
            byte[] block = new byte[1 << 16];
            for (int left = zeros; left > 0; left -= block.length) {
                gz.write(block, 0, Math.min(left, block.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A version 1.0 .npy with this header dictionary (padded as numpy does) and raw data. */
    static byte[] npy(String dict, byte[] data) {
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
        int length = Math.min(text.length, 0xFFFF);
        ByteBuffer b = ByteBuffer.allocate(10 + length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) length);
        b.put(text, 0, length);
        b.put(data);
        return b.array();
    }

    /** The header claims 40 bytes more than it has: the parser reads data (NULs) as header text. */
    private static byte[] headerLengthLie(byte[] npy) {
        byte[] lie = npy.clone();
        int length = (lie[8] & 0xFF) | (lie[9] & 0xFF) << 8;
        lie[8] = (byte) (length + 40);
        lie[9] = (byte) ((length + 40) >>> 8);
        return lie;
    }

    private static byte[] version(byte[] npy, int major) {
        byte[] v = npy.clone();
        v[6] = (byte) major;
        return v;
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] utf32(String s) {
        ByteBuffer b = ByteBuffer.allocate(4 * s.length()).order(ByteOrder.LITTLE_ENDIAN);
        s.codePoints().forEach(b::putInt);
        return b.array();
    }

    private static Map<String, byte[]> entries(byte[] npz) throws IOException {
        Path file = Files.createTempFile("corpus", ".npz");
        try {
            Files.write(file, npz);
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    entries.put(entry.getName().replaceAll("\\.npy$", ""), zip.getInputStream(entry).readAllBytes());
                }
            }
            return entries;
        } finally {
            Files.delete(file);
        }
    }

    private static byte[] zip(Map<String, byte[]> entries, int method) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setMethod(method);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                putEntry(zip, e.getKey(), e.getValue());
            }
        }
        return out.toByteArray();
    }

    private static void putEntry(ZipOutputStream zip, String key, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(key + ".npy"));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The manifest the runner reads: one "KIND name" line per case. */
    static void writeManifest(Path dir, List<Case> cases) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("manifest"))) {
            for (Case c : cases) {
                out.write((c.kind() + "\t" + c.name() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
