package dev.backprop.engine.simd;

import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;
import dev.backprop.engine.ref.RefEngineProvider;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Shared pieces of the SIMD engine's tests: data, the reference engine, tolerances. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * Initialises the api's interfaces before their enums; every test class calls this first.
     *
     * <p>Works around an api bug: {@code Activations.SIGMOID}, … (and {@code Costs.QUADRATIC}, …)
     * are null in a JVM that initialises {@code Activations} ({@code Costs}) first.
     * The interface declares default methods, so it is initialised as part of the enum's
     * initialisation, and its constants then read the enum's fields before they are set; after
     * that, {@code Network.build()} rejects sigmoid with cross-entropy and the reference engine's
     * BP1 throws for softmax with log-likelihood.
     */
    static void initialiseApiInterfacesFirst() {
        if (Activations.SIGMOID == null || Costs.QUADRATIC == null) {
            throw new IllegalStateException("Activations or Costs was initialised before its interface");
        }
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

    /** A custom element-wise activation (softsign), run through the scalar fallback. */
    static final Activation SOFTSIGN = new Activation() {
        @Override
        public String id() {
            return "softsign";
        }

        @Override
        public float value(float z) {
            return z / (1 + Math.abs(z));
        }

        @Override
        public float derivative(float z) {
            float d = 1 + Math.abs(z);
            return 1 / (d * d);
        }
    };

    /** A custom cost (absolute error), run through the scalar fallback. */
    static final Cost ABSOLUTE = new Cost() {
        @Override
        public String id() {
            return "absolute";
        }

        @Override
        public double value(float a, float y) {
            return Math.abs(a - y);
        }

        @Override
        public float outputError(float a, float y, float z, Activation f) {
            return Math.signum(a - y) * f.derivative(z);
        }
    };

    /** Every built-in activation and the custom one. */
    static List<Activation> activations() {
        List<Activation> all = new ArrayList<>(Arrays.asList(Activations.values()));
        all.add(SOFTSIGN);
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

    static Engine ref() {
        return new RefEngineProvider().open();
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

    /**
     * Asserts |actual − expected| ≤ 8·10⁻⁶ · (1 + |expected|) · √k element by element.
     *
     * <p>Why this bound: both engines sum k float32 products, each rounding with unit roundoff
     * u = 2⁻²⁴ ≈ 6·10⁻⁸ per step, in different orders (the reference in index order without fma,
     * this engine in blocks with fma, or lane by lane). For the test data (terms of size ≤ 1 and
     * random sign) the rounding errors add like a random walk, so the difference grows with √k
     * times the size of the partial sums, which (1 + |expected|) stands for; 8·10⁻⁶ ≈ 128·u
     * leaves room for both engines' errors, the float32 exponential (a few ulp, then scaled by
     * σ′ ≤ 1) and unlucky cancellation. It stays far below what a real bug gives: a wrong index,
     * a missing transpose or a dropped σ′ moves values by O(0.1 … 1), while the bound is at most
     * 8·10⁻⁶ · √784 · (1 + |expected|) ≈ 2·10⁻⁴ · (1 + |expected|) for the longest sums here.
     */
    static void assertClose(String what, float[] expected, float[] actual, int k, int cols) {
        double scale = 8e-6 * Math.sqrt(Math.max(1, k));
        for (int i = 0; i < expected.length; i++) {
            double tolerance = scale * (1 + Math.abs(expected[i]));
            double error = Math.abs((double) actual[i] - expected[i]);
            if (!(error <= tolerance)) {
                fail(what + ": element (" + i / cols + ", " + i % cols + ") expected " + expected[i] + " (reference), got "
                        + actual[i] + ", |difference| " + error + " > tolerance " + tolerance + " (sum length " + k + ")");
            }
        }
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
