package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Activations;
import dev.backprop.Costs;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written here are read by numpy and the reverse; skipped where python3 with numpy is missing. */
class NumpyInteropTest {
    private static Boolean numpyFound;

    @TempDir
    Path dir;

    @BeforeEach
    void needsNumpy() {
        Assumptions.assumeTrue(pythonWithNumpy(), "python3 with numpy not found; interop not checked");
    }

    static synchronized boolean pythonWithNumpy() {
        if (numpyFound == null) {
            try {
                Path probe = Files.createTempFile("numpy-probe", ".txt");
                numpyFound = run(probe, "import numpy") != null;
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                numpyFound = false;
            }
        }
        return numpyFound;
    }

    /** Runs python3 -c script args…, returning its output, or null when it fails or cannot start. */
    private static String run(Path output, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        try {
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? text : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String python(String script, String... args) throws IOException {
        Path output = dir.resolve("python-output.txt");
        String text = run(output, script, args);
        if (text == null) {
            fail("python3 failed:\n" + (Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "(no output)"));
        }
        return text;
    }

    private static String sha256(float[] values) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TestFiles.littleEndianFloats(values)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void numpyReadsASavedModel() throws IOException {
        Network network = Network.of(784, 30, 10);
        Parameters parameters = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        Path file = dir.resolve("book.npz");
        ModelFile.save(network, parameters, file);
        float x = parameters.weights(0)[3 * 784 + 5];
        String script = String.join("\n",
                "import sys, hashlib, numpy as np",
                "d = np.load(sys.argv[1])",
                "print(d['w2'].shape, d['b2'].shape, d['sizes'].tolist(), str(d['cost']), d['w2'].dtype)",
                "print(d['activations'].tolist(), int(d['format']), d['sizes'].dtype, d['cost'].shape)",
                "assert abs(float(d['w2'][3, 5]) - float(sys.argv[2])) == 0",
                "for k in ['w2', 'b2', 'w3', 'b3']: print(k, hashlib.sha256(d[k].tobytes()).hexdigest())");
        // The exact decimal of the float, so that Python's double is the float itself.
        String out = python(script, file.toString(), new BigDecimal(x).toPlainString());
        List<String> lines = out.lines().toList();
        assertEquals("(30, 784) (30,) [784, 30, 10] quadratic float32", lines.get(0));
        assertEquals("['sigmoid', 'sigmoid'] 1 int32 ()", lines.get(1));
        assertEquals("w2 " + sha256(parameters.weights(0)), lines.get(2));
        assertEquals("b2 " + sha256(parameters.biases(0)), lines.get(3));
        assertEquals("w3 " + sha256(parameters.weights(1)), lines.get(4));
        assertEquals("b3 " + sha256(parameters.biases(1)), lines.get(5));
    }

    @Test
    void loadsAModelThatNumpyWrote() throws IOException {
        String script = String.join("\n",
                "import sys, numpy as np",
                "def m(r, c): return (np.arange(r * c, dtype=np.float32) * 0.25 - 1).reshape(r, c)",
                "arrays = dict(format=np.array(1, dtype=np.int32), sizes=np.array([4, 3, 2], dtype=np.int32),",
                "    activations=np.array(['tanh', 'sigmoid']), cost=np.array('cross-entropy'),",
                "    w2=m(3, 4), b2=m(1, 3).ravel(), w3=m(2, 3), b3=-m(1, 2).ravel())",
                "np.savez(sys.argv[1], **arrays)",
                "np.savez_compressed(sys.argv[2], **arrays)");
        Path stored = dir.resolve("stored.npz");
        Path compressed = dir.resolve("compressed.npz");
        python(script, stored.toString(), compressed.toString());
        Network expected = Network.builder(4).layer(3, Activations.TANH).layer(2, Activations.SIGMOID)
                .cost(Costs.CROSS_ENTROPY).build();
        for (Path file : List.of(stored, compressed)) {
            ModelFile.Loaded loaded = ModelFile.load(file);
            assertEquals(expected, loaded.network(), file.toString());
            assertArrayEquals(ramp(12, 1), loaded.parameters().weights(0), file.toString());
            assertArrayEquals(ramp(3, 1), loaded.parameters().biases(0), file.toString());
            assertArrayEquals(ramp(6, 1), loaded.parameters().weights(1), file.toString());
            assertArrayEquals(ramp(2, -1), loaded.parameters().biases(1), file.toString());
        }
    }

    @Test
    void loadsAModelMadeWithNumpysDefaultDtypes() throws IOException {
        // What a numpy user writes without thinking of dtypes: int64 sizes, float64 weights.
        String script = String.join("\n",
                "import sys, numpy as np",
                "rng = np.random.default_rng(7)",
                "np.savez(sys.argv[1], format=np.array(1), sizes=np.array([5, 4, 3]),",
                "    activations=np.array(['relu', 'sigmoid']), cost=np.array('quadratic'),",
                "    w2=rng.standard_normal((4, 5)), b2=rng.standard_normal(4), w3=rng.standard_normal((3, 4)),",
                "    b3=rng.standard_normal(3))",
                "d = np.load(sys.argv[1])",
                "print(d['sizes'].dtype, d['w2'].dtype)",
                "for k in ['w2', 'b2', 'w3', 'b3']: print(k, ' '.join(repr(float(np.float32(v))) for v in d[k].ravel()))");
        Path file = dir.resolve("defaults.npz");
        List<String> lines = python(script, file.toString()).lines().toList();
        assertEquals("int64 float64", lines.get(0));
        ModelFile.Loaded loaded = ModelFile.load(file);
        assertEquals(Network.builder(5).layer(4, Activations.RELU).layer(3, Activations.SIGMOID).build(), loaded.network());
        for (int l = 0; l < 2; l++) {
            assertEquals("w" + (l + 2) + " " + floats(loaded.parameters().weights(l)), lines.get(1 + 2 * l));
            assertEquals("b" + (l + 2) + " " + floats(loaded.parameters().biases(l)), lines.get(2 + 2 * l));
        }
    }

    /** Python's repr of each float, as the script prints np.float32 values converted to float. */
    private static String floats(float[] values) {
        StringBuilder s = new StringBuilder();
        for (float v : values) {
            s.append(s.length() == 0 ? "" : " ").append(new BigDecimal(v).doubleValue());
        }
        return s.toString();
    }

    private static float[] ramp(int n, float sign) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = sign * (i * 0.25f - 1);
        }
        return values;
    }

    @Test
    void readsNpyFilesThatNumpyWrote() throws IOException {
        String script = String.join("\n",
                "import sys, numpy as np",
                "d = sys.argv[1]",
                "np.save(d + '/scalar.npy', np.array(-7, dtype=np.int32))",
                "np.save(d + '/strings.npy', np.array(['σ', '', '𝜎′(z)']))",
                "np.save(d + '/matrix.npy', np.arange(6, dtype=np.float32).reshape(2, 3))",
                "np.save(d + '/fortran.npy', np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))",
                "np.save(d + '/doubles.npy', np.arange(3, dtype=np.float64))",
                "with open(d + '/v2.npy', 'wb') as f:",
                "    np.lib.format.write_array(f, np.array([5, 6], dtype=np.int32), version=(2, 0))");
        python(script, dir.toString());
        assertEquals(NpyArray.scalar(-7), Npy.read(dir.resolve("scalar.npy")));
        assertEquals(NpyArray.of(new String[] {"σ", "", "𝜎′(z)"}, 3), Npy.read(dir.resolve("strings.npy")));
        assertEquals(NpyArray.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3), Npy.read(dir.resolve("matrix.npy")));
        assertEquals(NpyArray.of(new int[] {5, 6}, 2), Npy.read(dir.resolve("v2.npy")));
        ModelFormatException fortran = assertThrows(ModelFormatException.class, () -> Npy.read(dir.resolve("fortran.npy")));
        assertTrue(fortran.getMessage().contains("fortran_order is True"), fortran.getMessage());
        assertArrayEquals(new double[] {0, 1, 2}, Npy.read(dir.resolve("doubles.npy")).doubles());
    }

    @Test
    void numpyReadsNpyFilesWrittenHere() throws IOException {
        List<NpyArray> arrays = List.of(NpyArray.scalar(-7), NpyArray.of(new String[] {"σ", "", "𝜎′(z)"}, 3),
                NpyArray.of(new float[] {0.5f, -1.25f, 3, 4, 5, 6}, 2, 3), NpyArray.scalar("log-likelihood"),
                NpyArray.of(new float[0], 0, 3));
        for (int i = 0; i < arrays.size(); i++) {
            try (var out = Files.newOutputStream(dir.resolve(i + ".npy"))) {
                Npy.write(arrays.get(i), out);
            }
        }
        String script = String.join("\n",
                "import sys, numpy as np",
                "for i in range(int(sys.argv[2])):",
                "    a = np.load(f'{sys.argv[1]}/{i}.npy')",
                "    print(a.dtype.str, a.shape, a.tolist())");
        List<String> lines = python(script, dir.toString(), String.valueOf(arrays.size())).lines().toList();
        assertEquals(List.of("<i4 () -7", "<U5 (3,) ['σ', '', '𝜎′(z)']", "<f4 (2, 3) [[0.5, -1.25, 3.0], [4.0, 5.0, 6.0]]",
                "<U14 () log-likelihood", "<f4 (0, 3) []"), lines);
    }
}
