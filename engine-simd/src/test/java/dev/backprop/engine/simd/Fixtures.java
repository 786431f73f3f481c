package dev.backprop.engine.simd;

import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;
import dev.backprop.tck.EngineChecks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Shared pieces of the SIMD engine's tests: shapes that reach every product path, functions, data. */
final class Fixtures {
    private Fixtures() {
    }

    /** Odd sizes around every vector width (4, 8, 16 floats) and tile size (6, 12 rows; 8 … 32 columns). */
    static final int[] SIZES = {1, 2, 3, 7, 16, 17, 31, 33, 64, 127, 257};

    /**
     * Product shapes (rows of the batch or output, columns, sum length): the odd sizes in rotation,
     * so each size appears in each role, plus shapes that take the packed path with edge tiles and
     * a split across threads, the MNIST layer [784 → 300] at batch 100, and one shape per product
     * whose sum is longer than one k block ({@link Gemm#KC}), so that a tile of C is read back and
     * added to.
     */
    static List<int[]> productShapes() {
        List<int[]> shapes = new ArrayList<>();
        for (int i = 0; i < SIZES.length; i++) {
            shapes.add(new int[] {SIZES[i], SIZES[(i + 3) % SIZES.length], SIZES[(i + 6) % SIZES.length]});
        }
        shapes.add(new int[] {64, 127, 257});
        shapes.add(new int[] {127, 257, 33});
        shapes.add(new int[] {257, 33, 64});
        shapes.add(new int[] {130, 300, 10});
        shapes.add(new int[] {100, 784, 300});
        shapes.add(new int[] {100, 300, 784});
        int longSum = Gemm.KC + 76;
        shapes.add(new int[] {Gemm.NT_PACKING_ROWS, longSum, 40}); // Eq. 25: k is the input width
        shapes.add(new int[] {24, 40, longSum}); // BP2: k is the output width
        shapes.add(new int[] {longSum, 24, 40}); // BP4: k is the batch
        return shapes;
    }

    /**
     * Every built-in activation and a custom one (the kit's softsign, whose double form the
     * oracle knows), which runs through the engine's scalar fallback.
     */
    static List<Activation> activations() {
        List<Activation> all = new ArrayList<>(Arrays.asList(Activations.values()));
        all.add(EngineChecks.CUSTOM_ACTIVATION);
        return all;
    }

    /** The element-wise ones (legal in hidden layers, BP2). */
    static List<Activation> elementwiseActivations() {
        List<Activation> all = new ArrayList<>();
        for (Activation f : activations()) {
            if (f.isElementwise()) {
                all.add(f);
            }
        }
        return all;
    }

    /** Uniform floats in [lo, hi), seeded. */
    static float[] random(long seed, int n, float lo, float hi) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * random.nextFloat();
        }
        return x;
    }

    static Matrix matrix(Engine engine, int rows, int cols, float[] values) {
        Matrix m = engine.allocate(rows, cols);
        engine.write(m, values);
        return m;
    }

    /** An output matrix filled with NaN, so an element the engine forgets to write shows. */
    static Matrix output(Engine engine, int rows, int cols) {
        float[] nan = new float[rows * cols];
        Arrays.fill(nan, Float.NaN);
        return matrix(engine, rows, cols, nan);
    }

    static float[] read(Engine engine, Matrix m) {
        float[] x = new float[m.size()];
        engine.read(m, x);
        return x;
    }

    /** Asserts the same bits element by element. */
    static void assertSameBits(String what, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": element " + i + " differs: " + expected[i] + " vs " + actual[i]);
            }
        }
    }

    static String shape(int[] s) {
        return s[0] + "×" + s[1] + "×" + s[2];
    }
}
