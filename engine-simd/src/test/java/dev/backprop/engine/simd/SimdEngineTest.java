package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.Fixtures.assertClose;
import static dev.backprop.engine.simd.Fixtures.assertSameBits;
import static dev.backprop.engine.simd.Fixtures.matrix;
import static dev.backprop.engine.simd.Fixtures.output;
import static dev.backprop.engine.simd.Fixtures.random;
import static dev.backprop.engine.simd.Fixtures.read;
import static dev.backprop.engine.simd.Fixtures.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SPI operation of the SIMD engine against the reference engine, on odd shapes, for every
 * built-in activation and cost (and a custom one of each, which take the scalar fallback).
 * Outputs start as NaN, so an element left unwritten fails the comparison; tolerances are
 * explained at {@link Fixtures#assertClose}. The engine has two threads, so products above the
 * parallel threshold are split even on a one-processor machine.
 */
class SimdEngineTest {
    static {
        Fixtures.initialiseApiInterfacesFirst();
    }

    private static Engine simd;
    private static Engine ref;

    @BeforeAll
    static void open() {
        simd = new SimdEngine(2);
        ref = Fixtures.ref();
    }

    @AfterAll
    static void close() {
        simd.close();
        ref.close();
    }

    static Stream<Arguments> feedforwardCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : Fixtures.productShapes()) {
            for (Activation f : Fixtures.activations()) {
                cases.add(Arguments.of(shape(s), s, f));
            }
        }
        return cases.stream();
    }

    /** Eq. 25 for batch × in → out given as (m, in, out). */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("feedforwardCases")
    void feedforwardMatchesReference(String name, int[] s, Activation f) {
        int m = s[0];
        int in = s[1];
        int out = s[2];
        float scale = (float) (1 / Math.sqrt(in));
        float[] w = random(1, out * in, -scale, scale);
        float[] b = random(2, out, -1, 1);
        float[] x = random(3, m * in, -1, 1);
        float[][] expected = feedforward(ref, w, b, x, m, in, out, f);
        float[][] actual = feedforward(simd, w, b, x, m, in, out, f);
        assertClose("feedforward z " + name + " " + f, expected[0], actual[0], in, out);
        assertClose("feedforward a " + name + " " + f, expected[1], actual[1], in, out);
    }

    private static float[][] feedforward(Engine e, float[] w, float[] b, float[] x, int m, int in, int out, Activation f) {
        Matrix z = output(e, m, out);
        Matrix a = output(e, m, out);
        e.feedforward(matrix(e, out, in, w), matrix(e, 1, out, b), matrix(e, m, in, x), z, a, f);
        return new float[][] {read(e, z), read(e, a)};
    }

    static Stream<Arguments> backpropagateCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : Fixtures.productShapes()) {
            for (Activation f : Fixtures.elementwiseActivations()) {
                cases.add(Arguments.of(shape(s), s, f));
            }
        }
        return cases.stream();
    }

    /** BP2 for batch × this ← next given as (m, this, next). */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("backpropagateCases")
    void backpropagateMatchesReference(String name, int[] s, Activation f) {
        int m = s[0];
        int width = s[1];
        int next = s[2];
        float[] w = random(4, next * width, -1, 1);
        float[] dn = random(5, m * next, -1, 1);
        float[] z = random(6, m * width, -3, 3);
        float[] expected = backpropagate(ref, w, dn, z, m, width, next, f);
        float[] actual = backpropagate(simd, w, dn, z, m, width, next, f);
        assertClose("backpropagate (BP2) " + name + " " + f, expected, actual, next, width);
    }

    private static float[] backpropagate(Engine e, float[] w, float[] dn, float[] z, int m, int width, int next, Activation f) {
        Matrix delta = output(e, m, width);
        e.backpropagate(matrix(e, next, width, w), matrix(e, m, next, dn), matrix(e, m, width, z), f, delta);
        return read(e, delta);
    }

    static Stream<Arguments> shapes() {
        return Fixtures.productShapes().stream().map(s -> Arguments.of(shape(s), s));
    }

    /** BP4 for delta batch × out and aIn batch × in, given as (m, out, in). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void weightGradientMatchesReference(String name, int[] s) {
        int m = s[0];
        int out = s[1];
        int in = s[2];
        float[] d = random(7, m * out, -1, 1);
        float[] a = random(8, m * in, 0, 1);
        float[] expected = weightGradient(ref, d, a, m, out, in);
        float[] actual = weightGradient(simd, d, a, m, out, in);
        assertClose("weightGradient (BP4) " + name, expected, actual, m, in);
    }

    private static float[] weightGradient(Engine e, float[] d, float[] a, int m, int out, int in) {
        Matrix g = output(e, out, in);
        e.weightGradient(matrix(e, m, out, d), matrix(e, m, in, a), g);
        return read(e, g);
    }

    /** BP3: the column means of delta (the reference's sums in its order, then scaled by 1/m). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void biasGradientMatchesReference(String name, int[] s) {
        int m = s[0];
        int out = s[1];
        float[] d = random(9, m * out, -1, 1);
        float[][] results = new float[2][];
        int i = 0;
        for (Engine e : new Engine[] {ref, simd}) {
            Matrix g = output(e, 1, out);
            e.biasGradient(matrix(e, m, out, d), g);
            results[i++] = read(e, g);
        }
        assertClose("biasGradient (BP3) " + name, results[0], results[1], m, out);
    }

    /** Eq. 93, with and without decay: two products and a difference, as the reference: same bits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void updateMatchesReferenceBitForBit(String name, int[] s) {
        int rows = s[0];
        int cols = s[1];
        float[] p = random(10, rows * cols, -1, 1);
        float[] g = random(11, rows * cols, -1, 1);
        for (float decay : new float[] {0f, 3e-5f}) {
            float[][] results = new float[2][];
            int i = 0;
            for (Engine e : new Engine[] {ref, simd}) {
                Matrix param = matrix(e, rows, cols, p);
                e.update(param, matrix(e, rows, cols, g), 0.5f, decay);
                results[i++] = read(e, param);
            }
            assertSameBits("update " + name + " decay " + decay, results[0], results[1]);
        }
    }

    static Stream<Arguments> fusedShapes() {
        List<int[]> shapes = new ArrayList<>(Fixtures.productShapes());
        // The book's first layer (five 6-row blocks of 12 × 64 columns and a 16-column edge);
        // 13 rows (two blocks and a row left over) by 200 columns (three 64-column blocks and 8).
        shapes.add(new int[] {10, 30, 784});
        shapes.add(new int[] {10, 13, 200});
        return shapes.stream().map(s -> Arguments.of(shape(s), s));
    }

    /**
     * BP4 fused with Eq. 93 gives W the bits of BP4 followed by a separate update, with and
     * without decay, on both product paths: the fused kernels promise exactly that. η = 3 (the
     * book's), not a power of two, whose products would hide a change in the order of rounding.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fusedShapes")
    void weightGradientAndUpdateIsBp4ThenUpdateBitForBit(String name, int[] s) {
        int m = s[0];
        int out = s[1];
        int in = s[2];
        float[] d = random(12, m * out, -1, 1);
        float[] a = random(13, m * in, 0, 1);
        float[] w = random(14, out * in, -1, 1);
        for (float decay : new float[] {0f, 3e-5f}) {
            Matrix fused = matrix(simd, out, in, w);
            simd.weightGradientAndUpdate(matrix(simd, m, out, d), matrix(simd, m, in, a), output(simd, out, in), fused,
                    3f, decay);
            Matrix separate = matrix(simd, out, in, w);
            Matrix gradient = output(simd, out, in);
            simd.weightGradient(matrix(simd, m, out, d), matrix(simd, m, in, a), gradient);
            simd.update(separate, gradient, 3f, decay);
            float[] after = read(simd, fused);
            assertTrue(!Arrays.equals(w, after), "the fused call left W as it was for " + name);
            assertSameBits("weightGradientAndUpdate " + name + " decay " + decay, read(simd, separate), after);
        }
    }

    static Stream<Arguments> outputErrorCases() {
        List<Arguments> cases = new ArrayList<>();
        List<Cost> costs = new ArrayList<>(Arrays.asList(Costs.values()));
        costs.add(Fixtures.ABSOLUTE);
        for (Cost c : costs) {
            for (Activation f : Fixtures.activations()) {
                cases.add(Arguments.of(c, f));
            }
        }
        return cases.stream();
    }

    /**
     * BP1 for every cost and activation. A pair the reference refuses (softmax has no element-wise
     * σ′) must be refused with the same exception; every other pair must give the same δ.
     */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("outputErrorCases")
    void outputErrorMatchesReference(Cost c, Activation f) {
        for (int[] s : new int[][] {{1, 1}, {3, 7}, {10, 10}, {17, 33}, {100, 10}}) {
            int m = s[0];
            int out = s[1];
            float[] a = random(12, m * out, 0.01f, 0.99f);
            float[] y = random(13, m * out, 0, 1);
            float[] z = random(14, m * out, -4, 4);
            RuntimeException refused = null;
            float[] expected = null;
            try {
                expected = outputError(ref, c, f, a, z, y, m, out);
            } catch (RuntimeException e) {
                refused = e;
            }
            if (refused != null) {
                RuntimeException expectedFailure = refused;
                RuntimeException actual = assertThrows(RuntimeException.class, () -> outputError(simd, c, f, a, z, y, m, out));
                assertEquals(expectedFailure.getClass(), actual.getClass());
                assertEquals(expectedFailure.getMessage(), actual.getMessage());
            } else {
                assertClose("outputError (BP1) " + c + "/" + f + " " + m + "×" + out, expected,
                        outputError(simd, c, f, a, z, y, m, out), 1, out);
            }
        }
    }

    private static float[] outputError(Engine e, Cost c, Activation f, float[] a, float[] z, float[] y, int m, int out) {
        Matrix delta = output(e, m, out);
        e.outputError(c, f, matrix(e, m, out, a), matrix(e, m, out, z), matrix(e, m, out, y), delta);
        return read(e, delta);
    }

    /** The mean cost: the same double sum in the same order as the reference. */
    @Test
    void costMatchesReference() {
        List<Cost> costs = new ArrayList<>(Arrays.asList(Costs.values()));
        costs.add(Fixtures.ABSOLUTE);
        for (Cost c : costs) {
            for (int[] s : new int[][] {{1, 1}, {10, 10}, {33, 17}, {100, 300}}) {
                float[] a = random(15, s[0] * s[1], 0.001f, 0.999f);
                float[] y = random(16, s[0] * s[1], 0, 1);
                double expected = ref.cost(c, matrix(ref, s[0], s[1], a), matrix(ref, s[0], s[1], y));
                double actual = simd.cost(c, matrix(simd, s[0], s[1], a), matrix(simd, s[0], s[1], y));
                assertEquals(expected, actual, 0.0, "cost " + c + " " + s[0] + "×" + s[1]);
            }
        }
    }

    /** Both product paths (packed and direct) of all three shapes are exercised by the shapes above. */
    @Test
    void shapesCoverBothProductPaths() {
        for (int shape : new int[] {Gemm.NT, Gemm.NN, Gemm.TN}) {
            boolean packed = false;
            boolean direct = false;
            for (int[] s : Fixtures.productShapes()) {
                // The roles of (m, n, k) in each product, as the engine calls it.
                int m = shape == Gemm.TN ? s[1] : s[0];
                int n = shape == Gemm.TN ? s[2] : s[shape == Gemm.NT ? 2 : 1];
                int k = shape == Gemm.TN ? s[0] : s[shape == Gemm.NT ? 1 : 2];
                boolean p = Gemm.usePacking(shape, m, n, k);
                packed |= p;
                direct |= !p;
            }
            assertTrue(packed && direct, "shape " + shape + ": packed " + packed + ", direct " + direct);
        }
    }

    /** Each product is also tested with a sum over more than one k block, packed. */
    @Test
    void shapesCoverSeveralKBlocks() {
        for (int shape : new int[] {Gemm.NT, Gemm.NN, Gemm.TN}) {
            boolean covered = false;
            for (int[] s : Fixtures.productShapes()) {
                int m = shape == Gemm.TN ? s[1] : s[0];
                int n = shape == Gemm.TN ? s[2] : s[shape == Gemm.NT ? 2 : 1];
                int k = shape == Gemm.TN ? s[0] : s[shape == Gemm.NT ? 1 : 2];
                covered |= k > Gemm.KC && Gemm.usePacking(shape, m, n, k);
            }
            assertTrue(covered, "shape " + shape + ": no packed case with k > " + Gemm.KC);
        }
    }
}
