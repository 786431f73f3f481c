package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.Fixtures.assertSameBits;
import static dev.backprop.engine.simd.Fixtures.matrix;
import static dev.backprop.engine.simd.Fixtures.output;
import static dev.backprop.engine.simd.Fixtures.random;
import static dev.backprop.engine.simd.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;
import dev.backprop.tck.EngineChecks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The SPI's promises beyond the numbers: the same bits on every call and with any thread count,
 * inputs untouched, the exceptions and words of the SPI's Checks for bad arguments before any
 * output is touched, and the closed state.
 */
class SimdEngineContractTest {
    /**
     * Shapes (m, in, out) whose products take every route: packed and split across threads
     * (100×784×300, 300×257×127), direct and split (1000×300×10: Eq. 25 with 10 outputs), BP3's
     * sums split across threads (1100×40×1000, a Δ of over 2^20 floats whose width is no multiple
     * of a vector), and the book's direct single-thread sizes.
     */
    private static final int[][] SHAPES = {{100, 784, 300}, {300, 257, 127}, {1000, 300, 10}, {1100, 40, 1000},
        {10, 784, 30}, {10, 30, 10}};

    /** Runs every operation on one layer's worth of data and returns every output, in order. */
    private static Map<String, float[]> everything(Engine e, int[] s, Activation f) {
        int m = s[0];
        int in = s[1];
        int out = s[2];
        Map<String, float[]> results = new LinkedHashMap<>();
        Matrix w = matrix(e, out, in, random(1, out * in, -0.1f, 0.1f));
        Matrix b = matrix(e, 1, out, random(2, out, -1, 1));
        Matrix x = matrix(e, m, in, random(3, m * in, 0, 1));
        Matrix z = output(e, m, out);
        Matrix a = output(e, m, out);
        e.feedforward(w, b, x, z, a, f);
        results.put("z (Eq. 25)", read(e, z));
        results.put("a (Eq. 25)", read(e, a));
        Matrix y = matrix(e, m, out, random(4, m * out, 0, 1));
        Matrix delta = output(e, m, out);
        Cost c = f == Activations.SOFTMAX ? Costs.LOG_LIKELIHOOD : Costs.QUADRATIC;
        e.outputError(c, f, a, z, y, delta);
        results.put("delta (BP1)", read(e, delta));
        results.put("cost", new float[] {(float) e.cost(c, a, y)});
        // BP2 from this layer's delta back through w to a layer as wide as the input.
        Matrix zPrevious = matrix(e, m, in, random(5, m * in, -2, 2));
        Matrix deltaPrevious = output(e, m, in);
        e.backpropagate(w, delta, zPrevious, Activations.TANH, deltaPrevious);
        results.put("delta (BP2)", read(e, deltaPrevious));
        Matrix gb = output(e, 1, out);
        e.biasGradient(delta, gb);
        results.put("gradB (BP3)", read(e, gb));
        Matrix gw = output(e, out, in);
        e.weightGradient(delta, x, gw);
        results.put("gradW (BP4)", read(e, gw));
        e.update(w, gw, 0.5f, 1e-4f);
        results.put("w (update)", read(e, w));
        return results;
    }

    @Test
    void theSameCallTwiceGivesTheSameBits() {
        try (Engine e = new SimdEngine(2)) {
            for (int[] s : SHAPES) {
                compare(everything(e, s, Activations.SIGMOID), everything(e, s, Activations.SIGMOID), "twice " + s[0] + "×" + s[1] + "×" + s[2]);
            }
        }
    }

    /** Each element is computed by one thread in an order fixed by the shape: 1, 2 or 3 threads, same bits. */
    @Test
    void oneTwoOrThreeThreadsGiveTheSameBits() {
        try (Engine one = new SimdEngine(1); Engine two = new SimdEngine(2); Engine three = new SimdEngine(3)) {
            for (int[] s : SHAPES) {
                for (Activation f : new Activation[] {Activations.SIGMOID, Activations.SOFTMAX, EngineChecks.CUSTOM_ACTIVATION}) {
                    String name = s[0] + "×" + s[1] + "×" + s[2] + " " + f;
                    Map<String, float[]> reference = everything(one, s, f);
                    compare(reference, everything(two, s, f), "1 vs 2 threads, " + name);
                    compare(reference, everything(three, s, f), "1 vs 3 threads, " + name);
                }
            }
        }
        assertTrue((long) SHAPES[0][0] * SHAPES[0][1] * SHAPES[0][2] >= Gemm.PARALLEL_WORK, "the first shape must be split");
        assertTrue((long) SHAPES[3][0] * SHAPES[3][2] >= ColumnMeans.PARALLEL_WORK, "the fourth shape's BP3 must be split");
        // The Δ the split is for: [784, 1024, 1024, 10] at a batch of 1000 (it once fell just below).
        assertTrue(1000L * 1024 >= ColumnMeans.PARALLEL_WORK, "BP3 of a 1000 × 1024 Δ must be split");
    }

    private static void compare(Map<String, float[]> expected, Map<String, float[]> actual, String what) {
        for (String key : expected.keySet()) {
            assertSameBits(what + ", " + key, expected.get(key), actual.get(key));
        }
    }

    @Test
    void inputsAreNotModified() {
        try (Engine e = new SimdEngine(2)) {
            for (int[] s : SHAPES) {
                int m = s[0];
                int in = s[1];
                int out = s[2];
                float[] wv = random(1, out * in, -0.1f, 0.1f);
                float[] bv = random(2, out, -1, 1);
                float[] xv = random(3, m * in, 0, 1);
                float[] yv = random(4, m * out, 0, 1);
                float[] zv = random(5, m * in, -2, 2);
                Matrix w = matrix(e, out, in, wv);
                Matrix b = matrix(e, 1, out, bv);
                Matrix x = matrix(e, m, in, xv);
                Matrix y = matrix(e, m, out, yv);
                Matrix zPrevious = matrix(e, m, in, zv);
                Matrix z = output(e, m, out);
                Matrix a = output(e, m, out);
                e.feedforward(w, b, x, z, a, Activations.SIGMOID);
                float[] zOut = read(e, z);
                float[] aOut = read(e, a);
                Matrix delta = output(e, m, out);
                e.outputError(Costs.CROSS_ENTROPY, Activations.SIGMOID, a, z, y, delta);
                e.cost(Costs.CROSS_ENTROPY, a, y);
                float[] deltaOut = read(e, delta);
                e.backpropagate(w, delta, zPrevious, Activations.RELU, output(e, m, in));
                e.biasGradient(delta, output(e, 1, out));
                Matrix gw = output(e, out, in);
                e.weightGradient(delta, x, gw);
                float[] gwOut = read(e, gw);
                e.update(output(e, out, in), gw, 0.1f, 0f);
                String shape = m + "×" + in + "×" + out;
                assertSameBits("w after every operation, " + shape, wv, read(e, w));
                assertSameBits("b, " + shape, bv, read(e, b));
                assertSameBits("aIn, " + shape, xv, read(e, x));
                assertSameBits("y, " + shape, yv, read(e, y));
                assertSameBits("z of the layer below, " + shape, zv, read(e, zPrevious));
                assertSameBits("z after BP1, BP2, cost, " + shape, zOut, read(e, z));
                assertSameBits("a after BP1, cost, " + shape, aOut, read(e, a));
                assertSameBits("delta after BP2, BP3, BP4, " + shape, deltaOut, read(e, delta));
                assertSameBits("gradW after update, " + shape, gwOut, read(e, gw));
            }
        }
    }

    /**
     * Invariant 5: bad shapes, softmax where σ′ would be needed, non-finite steps, impossible
     * sizes and offsets are refused with the exception and words of {@link dev.backprop.spi.Checks},
     * before any output is touched.
     */
    @Test
    void badArgumentsAreRefusedWithTheWordsOfChecksBeforeAnyOutputIsTouched() {
        try (Engine simd = new SimdEngine(2)) {
            assertTrue(new EngineChecks(simd).refusals() >= 60, "fewer bad calls than expected were refused");
        }
    }

    @Test
    void matricesOfAnotherEngineAreRefused() {
        try (Engine simd = new SimdEngine(1); Engine other = new SimdEngine(1)) {
            assertTrue(new EngineChecks(simd).foreignMatrices(other) > 0);
        }
    }

    @Test
    void closeTwiceIsFineAndUseAfterCloseIsAnIllegalStateException() {
        Engine e = new SimdEngine(2);
        // Start the worker threads, so close() has something to stop.
        e.feedforward(matrix(e, 300, 784, new float[300 * 784]), e.allocate(1, 300), e.allocate(100, 784),
                e.allocate(100, 300), e.allocate(100, 300), Activations.SIGMOID);
        assertTrue(new EngineChecks(e).afterClose() > 0);
    }

    @Test
    void workerThreadsAreDaemonsAndStopOnClose() {
        int before = workers();
        Engine e = new SimdEngine(3);
        assertEquals(before, workers(), "opening an engine starts no thread");
        e.feedforward(matrix(e, 300, 784, new float[300 * 784]), e.allocate(1, 300), e.allocate(100, 784),
                e.allocate(100, 300), e.allocate(100, 300), Activations.SIGMOID);
        assertEquals(before + 2, workers(), "a split product starts two workers beside the caller");
        e.close();
        assertEquals(before, workers(), "close() stops them");
    }

    private static int workers() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("backprop-simd-") && t.isAlive()) {
                assertTrue(t.isDaemon(), "worker threads are daemons");
                n++;
            }
        }
        return n;
    }

    @Test
    void customActivationsAndCostsAreSupported() {
        try (Engine e = new SimdEngine(1)) {
            assertTrue(e.supports(EngineChecks.CUSTOM_ACTIVATION));
            assertTrue(e.supports(EngineChecks.CUSTOM_COST));
            assertEquals("simd", e.name());
        }
    }
}
