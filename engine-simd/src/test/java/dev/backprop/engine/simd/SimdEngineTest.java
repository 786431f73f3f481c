package dev.backprop.engine.simd;

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
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.spi.Checks;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;
import dev.backprop.tck.EngineChecks;

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
 * Every SPI operation of the SIMD engine against the kit's double-precision oracle
 * ({@link EngineChecks}), on shapes that reach every product path (packed and direct, split
 * across threads, sums longer than one k block), for every built-in activation and cost and a
 * custom one of each (which take the scalar fallback). Outputs start as NaN, so an element left
 * unwritten fails; each call also runs twice (same bits) and leaves its inputs alone. The engine
 * has two threads, so products above the parallel threshold are split even on a one-processor
 * machine.
 */
class SimdEngineTest {
    private static Engine simd;
    private static EngineChecks checks;

    @BeforeAll
    static void open() {
        simd = new SimdEngine(2);
        checks = new EngineChecks(simd);
    }

    @AfterAll
    static void close() {
        simd.close();
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
    void feedforwardMatchesTheOracle(String name, int[] s, Activation f) {
        assertWithin(checks.feedforward(f, s[0], s[1], s[2], seed(s, 1)));
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
    void backpropagateMatchesTheOracle(String name, int[] s, Activation f) {
        assertWithin(checks.backpropagate(f, s[0], s[2], s[1], seed(s, 2)));
    }

    static Stream<Arguments> shapes() {
        return Fixtures.productShapes().stream().map(s -> Arguments.of(shape(s), s));
    }

    /** BP4 for delta batch × out and aIn batch × in, given as (m, out, in). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void weightGradientMatchesTheOracle(String name, int[] s) {
        assertWithin(checks.weightGradient(s[0], s[1], s[2], seed(s, 3)));
    }

    /** BP3: the column means of delta. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void biasGradientMatchesTheOracle(String name, int[] s) {
        assertWithin(checks.biasGradient(s[0], s[1], seed(s, 4)));
    }

    /**
     * Eq. 93, with and without decay: within the oracle's bound, and rounded exactly as the Java
     * expression (1 − decay)·p − η·g rounds it (two products and a difference, no fused
     * multiply-add), as the engine promises.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void updateMatchesTheOracleAndRoundsAsJava(String name, int[] s) {
        for (float decay : new float[] {0f, 3e-5f}) {
            assertWithin(checks.update(s[0], s[1], 3f, decay, seed(s, 5)));
            assertEquals(s[0] * s[1], checks.updateRoundsAsJava(s[0], s[1], 3f, decay, seed(s, 5)));
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
            assertWithin(checks.weightGradientAndUpdate(m, out, in, 3f, decay, seed(s, 6)));
        }
    }

    static Stream<Arguments> outputErrorCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Cost c : costs()) {
            for (Activation f : Fixtures.activations()) {
                cases.add(Arguments.of(c, f));
            }
        }
        return cases.stream();
    }

    private static List<Cost> costs() {
        List<Cost> costs = new ArrayList<>(Arrays.asList(Costs.values()));
        costs.add(EngineChecks.CUSTOM_COST);
        return costs;
    }

    /**
     * BP1 for every cost and activation a network may pair (the vector path for the book's pairs,
     * the scalar one for the others); softmax with a cost that does not cancel its σ′ is refused
     * with the words of {@link Checks}. Pairs the api refuses for other reasons (cross-entropy
     * with tanh) are never asked of an engine and not checked.
     */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("outputErrorCases")
    void outputErrorMatchesTheOracle(Cost c, Activation f) {
        for (int[] s : new int[][] {{1, 1}, {3, 7}, {10, 10}, {17, 33}, {100, 10}}) {
            int m = s[0];
            int out = s[1];
            if (!f.isElementwise() && c.incompatibility(f).isPresent()) {
                Matrix[] args = {simd.allocate(m, out), simd.allocate(m, out), simd.allocate(m, out), simd.allocate(m, out)};
                IllegalArgumentException expected = assertThrows(IllegalArgumentException.class,
                        () -> Checks.outputError(c, f, args[0], args[1], args[2], args[3]));
                IllegalArgumentException actual = assertThrows(IllegalArgumentException.class,
                        () -> simd.outputError(c, f, args[0], args[1], args[2], args[3]));
                assertEquals(expected.getMessage(), actual.getMessage());
            } else if (c.incompatibility(f).isEmpty()) {
                assertWithin(checks.outputError(c, f, m, out, m * 100 + out));
            }
        }
    }

    /** The mean cost of every cost with an output layer it may follow. */
    @Test
    void costMatchesTheOracle() {
        for (Cost c : costs()) {
            Activation f = c == Costs.LOG_LIKELIHOOD ? Activations.SOFTMAX : Activations.SIGMOID;
            for (int[] s : new int[][] {{1, 1}, {10, 10}, {33, 17}, {100, 300}}) {
                assertWithin(checks.cost(c, f, s[0], s[1], s[0] * 1000 + s[1]));
            }
        }
    }

    private static long seed(int[] s, int operation) {
        return ((long) s[0] * 1_000_003 + s[1]) * 1009 + s[2] * 10L + operation;
    }

    /** EngineChecks throws with the details when an element is outside its tolerance. */
    private static void assertWithin(double worstRatio) {
        assertTrue(worstRatio <= 1, "worst |error| / tolerance " + worstRatio);
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
