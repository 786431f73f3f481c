package dev.backprop.engine.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.spi.Engine;
import dev.backprop.tck.EngineChecks;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SPI operation of the OpenCL engine against the kit's double-precision oracle
 * ({@link EngineChecks}), on sizes that are not multiples of any block (1, 2, 3, 7, 16, 17, 31,
 * 33, 64, 127, 257, every size from 1 to 70, and the book's 784×300 with a batch of 100), for
 * every activation and every legal (cost, activation) pair. Each check also proves determinism,
 * untouched inputs and fully written outputs.
 */
class OpenClEngineTest {
    static final int[] SIZES = {1, 2, 3, 7, 16, 17, 31, 33, 64, 127, 257};
    static final Activation[] ELEMENTWISE = {Activations.SIGMOID, Activations.TANH, Activations.RELU, Activations.IDENTITY};

    private static Engine engine;
    private static EngineChecks checks;

    @BeforeAll
    static void open() {
        engine = OpenClRuntime.require().open();
        checks = new EngineChecks(engine);
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** (m, in, out): each size on every axis, mixed with others, plus the book's layer. */
    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (int s : SIZES) {
            shapes.add(Arguments.of(s, s, s));
            shapes.add(Arguments.of(s, 17, 3));
            shapes.add(Arguments.of(7, s, 5));
            shapes.add(Arguments.of(3, 2, s));
        }
        shapes.add(Arguments.of(1, 1, 1));
        shapes.add(Arguments.of(257, 127, 33));
        shapes.add(Arguments.of(100, 784, 300));
        shapes.add(Arguments.of(100, 300, 10));
        return shapes.stream();
    }

    private static Activation activationFor(int m, int in, int out) {
        return ELEMENTWISE[Math.floorMod(m * 31 + in * 7 + out, ELEMENTWISE.length)];
    }

    @ParameterizedTest(name = "m={0} in={1} out={2}")
    @MethodSource("shapes")
    void feedforwardMatchesTheOracle(int m, int in, int out) {
        Activation f = activationFor(m, in, out);
        assertWithin(checks.feedforward(f, m, in, out, seed(m, in, out)));
    }

    @ParameterizedTest(name = "m={0} width={1} next={2}")
    @MethodSource("shapes")
    void backpropagateMatchesTheOracle(int m, int width, int next) {
        Activation f = activationFor(m, width, next);
        assertWithin(checks.backpropagate(f, m, next, width, seed(m, width, next)));
    }

    @ParameterizedTest(name = "m={0} in={1} out={2}")
    @MethodSource("shapes")
    void weightGradientMatchesTheOracle(int m, int in, int out) {
        assertWithin(checks.weightGradient(m, out, in, seed(m, in, out)));
    }

    @ParameterizedTest(name = "m={0} out={2}")
    @MethodSource("shapes")
    void biasGradientMatchesTheOracle(int m, int in, int out) {
        assertWithin(checks.biasGradient(m, out, seed(m, in, out)));
    }

    @ParameterizedTest(name = "{0}×{1}")
    @MethodSource("shapes")
    void updateMatchesTheOracleAndRoundsAsJava(int rows, int cols, int ignored) {
        // FP_CONTRACT OFF in elementwise.cl: keep·p − η·g is rounded as Java rounds it, exactly.
        for (float[] step : new float[][] {{0.5f, 0f}, {3.0f, 3.0f * 5.0f / 50000}}) {
            assertWithin(checks.update(rows, cols, step[0], step[1], seed(rows, cols, 1)));
            assertEquals(rows * cols, checks.updateRoundsAsJava(rows, cols, step[0], step[1], seed(rows, cols, 2)));
        }
    }

    /** Each activation, softmax included, on a spread of shapes. */
    static Stream<Arguments> activationsAndShapes() {
        List<Arguments> cases = new ArrayList<>();
        for (Activations f : Activations.values()) {
            for (int[] s : new int[][] {{1, 1, 1}, {3, 7, 2}, {17, 31, 10}, {33, 64, 127}, {10, 784, 30}, {64, 257, 16}}) {
                cases.add(Arguments.of(f, s[0], s[1], s[2]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} m={1} in={2} out={3}")
    @MethodSource("activationsAndShapes")
    void everyActivationFeedsForwardAsTheOracleSays(Activation f, int m, int in, int out) {
        assertWithin(checks.feedforward(f, m, in, out, seed(m, in, out)));
    }

    @ParameterizedTest(name = "{0} m={1} width={2} next={3}")
    @MethodSource("activationsAndShapes")
    void everyElementwiseActivationBackpropagatesAsTheOracleSays(Activation f, int m, int width, int next) {
        if (f.isElementwise()) {
            assertWithin(checks.backpropagate(f, m, next, width, seed(m, width, next)));
        }
    }

    /**
     * Every (cost, output activation) pair a Network accepts (the api's Cost.incompatibility:
     * softmax only with log-likelihood, cross-entropy only with sigmoid). Listed, not derived from
     * it, so that the test below notices when the api's answer changes.
     */
    static final Object[][] LEGAL = {
        {Costs.QUADRATIC, Activations.SIGMOID},
        {Costs.QUADRATIC, Activations.TANH},
        {Costs.QUADRATIC, Activations.RELU},
        {Costs.QUADRATIC, Activations.IDENTITY},
        {Costs.CROSS_ENTROPY, Activations.SIGMOID},
        {Costs.LOG_LIKELIHOOD, Activations.SOFTMAX},
    };

    static Stream<Arguments> legalPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Object[] pair : LEGAL) {
            for (int[] s : new int[][] {{1, 1}, {1, 2}, {3, 10}, {7, 17}, {100, 10}, {31, 257}}) {
                pairs.add(Arguments.of(pair[0], pair[1], s[0], s[1]));
            }
        }
        return pairs.stream();
    }

    @Test
    void theListedPairsAreExactlyTheOnesApiAccepts() {
        int legal = 0;
        for (Costs c : Costs.values()) {
            for (Activations f : Activations.values()) {
                legal += c.incompatibility(f).isEmpty() ? 1 : 0;
            }
        }
        assertEquals(LEGAL.length, legal, "api's Cost.incompatibility accepts another set of pairs than LEGAL lists");
    }

    @ParameterizedTest(name = "{0} + {1}, m={2} out={3}")
    @MethodSource("legalPairs")
    void outputErrorMatchesTheOracle(Cost c, Activation f, int m, int out) {
        assertWithin(checks.outputError(c, f, m, out, seed(m, out, c.id().hashCode())));
    }

    @ParameterizedTest(name = "{0} + {1}, m={2} out={3}")
    @MethodSource("legalPairs")
    void costMatchesTheOracle(Cost c, Activation f, int m, int out) {
        assertWithin(checks.cost(c, f, m, out, seed(m, out, 7)));
    }

    @Test
    void sizesFromOneTo70MatchOnEveryProduct() {
        // Every remainder modulo every block size (64, 32, 16, 8, 4) on each axis of the products.
        IntStream.rangeClosed(1, 70).forEach(n -> {
            assertWithin(checks.feedforward(activationFor(n, 0, 0), n, 71 - n, (n * 13) % 70 + 1, n));
            assertWithin(checks.backpropagate(activationFor(0, n, 0), (n * 7) % 70 + 1, 71 - n, n, n));
            assertWithin(checks.weightGradient(71 - n, n, (n * 11) % 70 + 1, n));
        });
    }

    private static long seed(int a, int b, int c) {
        return ((long) a * 1_000_003 + b) * 1_000_033 + c;
    }

    private static void assertWithin(double worstRatio) {
        // EngineChecks throws with the details when an element is outside its tolerance.
        assertTrue(worstRatio <= 1.0, "worst |difference| / tolerance " + worstRatio);
    }
}
