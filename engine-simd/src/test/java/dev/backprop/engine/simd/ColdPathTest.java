package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.Fixtures.assertSameBits;
import static dev.backprop.engine.simd.Fixtures.matrix;
import static dev.backprop.engine.simd.Fixtures.output;
import static dev.backprop.engine.simd.Fixtures.random;
import static dev.backprop.engine.simd.Fixtures.read;
import static dev.backprop.engine.simd.Fixtures.shape;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;
import dev.backprop.spi.Matrix;
import dev.backprop.tck.EngineChecks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cold path ({@link ScalarKernels}, taken until C2 has compiled the vector kernels, see
 * {@link Warmup}) gives exactly the bits of the vector path, for every operation of the SPI, on
 * shapes that reach every kernel's blocks and edges (and the packed path, which both share), every
 * activation and cost: otherwise an engine's results would depend on how soon the JIT compiled
 * it. Each output starts as NaN, so an element one path writes and the other leaves shows too.
 */
class ColdPathTest {
    private static SimdEngine simd;

    @BeforeAll
    static void open() {
        simd = new SimdEngine(2);
    }

    @AfterAll
    static void close() {
        simd.close();
    }

    @AfterEach
    void decideAgain() {
        Warmup.force(null);
    }

    static Stream<Arguments> shapes() {
        List<int[]> shapes = new ArrayList<>(Fixtures.productShapes());
        // The book's layers, and widths around the descend kernel's 6-row, 4-vector blocks.
        shapes.add(new int[] {10, 30, 784});
        shapes.add(new int[] {10, 10, 30});
        shapes.add(new int[] {10, 100, 784});
        shapes.add(new int[] {13, 13, 200});
        shapes.add(new int[] {1, 30, 784});
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : shapes) {
            for (Activation f : Fixtures.elementwiseActivations()) {
                cases.add(Arguments.of(shape(s), s, f));
            }
        }
        return cases.stream();
    }

    /** Eq. 25, BP2, BP3, BP4 alone and fused with the update (with and without decay), the update. */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("shapes")
    void everyOperationGivesTheVectorPathsBits(String name, int[] s, Activation f) {
        int m = s[0];
        int out = s[1];
        int in = s[2];
        float[] x = random(1, m * in, 0, 1);
        float[] w = random(2, out * in, -1, 1);
        float[] b = random(3, out, -1, 1);
        float[] d = random(4, m * out, -1, 1);
        float[] z = random(5, m * in, -3, 3);
        assertSame(name + " feedforward", () -> {
            Matrix zOut = output(simd, m, out);
            Matrix aOut = output(simd, m, out);
            simd.feedforward(matrix(simd, out, in, w), matrix(simd, 1, out, b), matrix(simd, m, in, x), zOut, aOut, f);
            return concat(read(simd, zOut), read(simd, aOut));
        });
        assertSame(name + " backpropagate", () -> {
            Matrix delta = output(simd, m, in);
            simd.backpropagate(matrix(simd, out, in, w), matrix(simd, m, out, d), matrix(simd, m, in, z), f, delta);
            return read(simd, delta);
        });
        assertSame(name + " biasGradient", () -> {
            Matrix gradB = output(simd, 1, out);
            simd.biasGradient(matrix(simd, m, out, d), gradB);
            return read(simd, gradB);
        });
        assertSame(name + " weightGradient", () -> {
            Matrix gradW = output(simd, out, in);
            simd.weightGradient(matrix(simd, m, out, d), matrix(simd, m, in, x), gradW);
            return read(simd, gradW);
        });
        for (float decay : new float[] {0f, 3e-5f}) {
            assertSame(name + " weightGradientAndUpdate, decay " + decay, () -> {
                Matrix gradW = output(simd, out, in);
                Matrix weights = matrix(simd, out, in, w);
                simd.weightGradientAndUpdate(matrix(simd, m, out, d), matrix(simd, m, in, x), gradW, weights, 3f, decay);
                // gradW is scratch: the two paths must leave the same elements unwritten, too.
                return concat(read(simd, weights), read(simd, gradW));
            });
            assertSame(name + " update, decay " + decay, () -> {
                Matrix weights = matrix(simd, out, in, w);
                simd.update(weights, matrix(simd, out, in, random(6, out * in, -1, 1)), 3f, decay);
                return read(simd, weights);
            });
        }
    }

    static Stream<Arguments> outputErrorCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Cost c : List.of(Costs.QUADRATIC, Costs.CROSS_ENTROPY, Costs.LOG_LIKELIHOOD, EngineChecks.CUSTOM_COST)) {
            for (Activation f : Fixtures.activations()) {
                if (f == Activations.SOFTMAX && c != Costs.LOG_LIKELIHOOD) {
                    continue; // refused: softmax's σ′ is not element-wise
                }
                cases.add(Arguments.of(c, f));
            }
        }
        return cases.stream();
    }

    /** BP1 for every pair a network may have, and softmax's feedforward (row by row). */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("outputErrorCases")
    void outputErrorAndSoftmaxGiveTheVectorPathsBits(Cost c, Activation f) {
        for (int[] s : new int[][] {{10, 10}, {7, 33}, {1, 257}}) {
            int m = s[0];
            int n = s[1];
            float[] a = random(7, m * n, 0.01f, 0.99f);
            float[] z = random(8, m * n, -4, 4);
            float[] y = random(9, m * n, 0, 1);
            assertSame(c + " " + f + " outputError", () -> {
                Matrix delta = output(simd, m, n);
                simd.outputError(c, f, matrix(simd, m, n, a), matrix(simd, m, n, z), matrix(simd, m, n, y), delta);
                return read(simd, delta);
            });
            if (f == Activations.SOFTMAX) {
                float[] w = random(10, n * 17, -1, 1);
                assertSame("softmax feedforward", () -> {
                    Matrix zOut = output(simd, m, n);
                    Matrix aOut = output(simd, m, n);
                    simd.feedforward(matrix(simd, n, 17, w), matrix(simd, 1, n, random(12, n, -1, 1)), matrix(simd, m, 17, random(11, m * 17, 0, 1)),
                            zOut, aOut, f);
                    return concat(read(simd, zOut), read(simd, aOut));
                });
            }
        }
    }

    /**
     * e^x and tanh on every float class the kernels meet: both tails past the clamps, values near
     * them, ±0, the smallest normals, NaN and the infinities, and a dense sweep of [−90, 90].
     */
    @Test
    void expAndTanhGiveTheVectorPathsBitsEverywhere() {
        List<Float> special = new ArrayList<>(List.of(0f, -0f, Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MIN_VALUE,
                Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
                88.3762626647949f, 88.38f, -87.3365447504f, -87.34f, -86.99f, -104f, 0.625f, -0.625f, 0.62499994f));
        for (int i = 0; i <= 180_000; i++) {
            special.add(-90f + i * 0.001f);
        }
        float[] in = new float[special.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = special.get(i);
        }
        for (Activations f : new Activations[] {Activations.SIGMOID, Activations.TANH}) {
            float[] vector = new float[in.length];
            float[] scalar = new float[in.length];
            VectorActivations.activate(f, in, 0, vector, 0, in.length);
            ScalarKernels.activate(f, in, 0, scalar, 0, in.length);
            for (int i = 0; i < in.length; i++) {
                boolean bothNaN = Float.isNaN(vector[i]) && Float.isNaN(scalar[i]);
                assertTrue(bothNaN || Float.floatToRawIntBits(vector[i]) == Float.floatToRawIntBits(scalar[i]),
                        f + "(" + in[i] + "): vector " + vector[i] + ", scalar " + scalar[i]);
            }
        }
    }

    /**
     * The plain loops themselves, called directly (the engine's operations above could pass even
     * if they never ran): each of the direct path's products with each finish, against the vector
     * kernels through {@link Gemm}.
     */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("shapes")
    void theDirectProductsGiveTheKernelsBits(String name, int[] s, Activation f) {
        int m = s[0];
        int out = s[1];
        int in = s[2];
        Gemm gemm = new Gemm(new Workers(1));
        float[] x = random(1, m * in, 0, 1);
        float[] w = random(2, out * in, -1, 1);
        float[] d = random(4, m * out, -1, 1);
        float[] z = random(5, m * in, -3, 3);
        Finish.Feedforward feedforward = new Finish.Feedforward();
        feedforward.set(random(3, out, -1, 1), new float[m * out], f);
        Finish.Error error = new Finish.Error();
        error.set(z, f);
        Finish.Mean mean = new Finish.Mean();
        mean.inverseCount = 1f / m;
        Object[][] products = {
            {Gemm.NT, x, w, m, out, in, feedforward},
            {Gemm.NN, d, w, m, in, out, error},
            {Gemm.TN, d, x, out, in, m, mean},
        };
        Warmup.force(false);
        for (Object[] p : products) {
            int shape = (int) p[0];
            int rows = (int) p[3];
            int cols = (int) p[4];
            int k = (int) p[5];
            if (Gemm.usePacking(shape, rows, cols, k)) {
                continue; // the packed path has no scalar twin: cold or not, it runs its kernels
            }
            Finish finish = (Finish) p[6];
            float[] vector = new float[rows * cols];
            float[] scalar = new float[rows * cols];
            Arrays.fill(vector, Float.NaN);
            Arrays.fill(scalar, Float.NaN);
            gemm.multiply(shape, (float[]) p[1], (float[]) p[2], vector, rows, cols, k, finish);
            float[] vectorOut = feedforward.out.clone();
            ScalarKernels.directProduct(shape, (float[]) p[1], (float[]) p[2], scalar, rows, cols, k, 0, rows, 0, cols, finish);
            assertSameBits(name + " product " + shape, vector, scalar);
            if (shape == Gemm.NT) {
                assertSameBits(name + " activation", vectorOut, feedforward.out);
            }
        }
        for (float decay : new float[] {0f, 3e-5f}) {
            if (Gemm.usePacking(Gemm.TN, out, in, m)) {
                break;
            }
            float[] weightsVector = w.clone();
            float[] weightsScalar = w.clone();
            float[] scratchVector = new float[out * in];
            float[] scratchScalar = new float[out * in];
            Arrays.fill(scratchVector, Float.NaN);
            Arrays.fill(scratchScalar, Float.NaN);
            Finish.Descend descend = new Finish.Descend();
            descend.set(weightsVector, 1f / m, 3f, decay);
            gemm.multiply(Gemm.TN, d, x, scratchVector, out, in, m, descend);
            descend.set(weightsScalar, 1f / m, 3f, decay);
            ScalarKernels.directProduct(Gemm.TN, d, x, scratchScalar, out, in, m, 0, out, 0, in, descend);
            assertSameBits(name + " descend, decay " + decay, weightsVector, weightsScalar);
            assertSameBits(name + " descend's scratch, decay " + decay, scratchVector, scratchScalar);
        }
        Warmup.force(null);
    }

    private static void assertSame(String what, Supplier<float[]> call) {
        Warmup.force(false);
        float[] vector = call.get();
        Warmup.force(true);
        float[] scalar = call.get();
        Warmup.force(null);
        assertFalse(Arrays.equals(vector, new float[vector.length]) && vector.length > 4, what + ": all zeros");
        assertSameBits(what + " (vector, then cold path)", vector, scalar);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
