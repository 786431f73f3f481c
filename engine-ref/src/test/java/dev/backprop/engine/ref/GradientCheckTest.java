package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.Activation;
import dev.backprop.Backpropagation;
import dev.backprop.Cost;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.spi.Engine;
import dev.backprop.tck.NetworkOracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference engine's whole gradient (BP1–BP4 through {@link Backpropagation}) against central
 * finite differences of the mean cost, computed in double by the kit's
 * {@link NetworkOracle#meanCost}, for every built-in activation in the hidden layers and every
 * legal (output activation, cost) pair.
 *
 * <p>Tolerance: |g − g_fd| ≤ 1e-5 + 1e-3 |g_fd|. The engine computes in float32 (ε = 2⁻²⁴ ≈ 6e-8);
 * its sums here have at most 6 terms and pass through three layers, so its error is a few
 * hundred ε at worst, ~1e-5 relative. The central difference with h = 1e-6 in double has
 * truncation error O(h²) ≈ 1e-12 and rounding error ≈ 1e-16 / h = 1e-10. A dropped σ′, a
 * missing transpose or a missing 1/m changes gradients by far more than 1e-3 relative; the test
 * below with a planted error shows that the check notices a change of 1e-3 absolute.
 */
class GradientCheckTest {
    private static final double H = 1e-6;
    private static final double ABSOLUTE = 1e-5;
    private static final double RELATIVE = 1e-3;
    private static final int BATCH = 3;

    static Stream<Arguments> legalCombinations() {
        List<Arguments> all = new ArrayList<>();
        Activation[] hidden = {Activations.SIGMOID, Activations.TANH, Activations.RELU, Activations.IDENTITY};
        for (Activation h : hidden) {
            for (Activation out : hidden) {
                all.add(Arguments.of(h, out, Costs.QUADRATIC));
            }
            all.add(Arguments.of(h, Activations.SIGMOID, Costs.CROSS_ENTROPY));
            all.add(Arguments.of(h, Activations.SOFTMAX, Costs.LOG_LIKELIHOOD));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "hidden {0}, output {1}, cost {2}")
    @MethodSource("legalCombinations")
    void gradientMatchesCentralDifferences(Activation hidden, Activation output, Cost cost) {
        Network network = Network.builder(4).layer(5, hidden).layer(4, hidden).layer(3, output).cost(cost).build();
        Problem p = new Problem(network, 17);
        Parameters gradient = p.engineGradient();
        double worst = 0;
        for (int l = 0; l < network.depth(); l++) {
            worst = Math.max(worst, compare(p, gradient.weights(l), true, l));
            worst = Math.max(worst, compare(p, gradient.biases(l), false, l));
        }
        System.out.printf("gradient check %s: worst |error| is %.3f of the tolerance%n", network, worst);
        // Keep a margin: the worst error must be well inside the tolerance, not scraping it.
        assertTrue(worst < 0.5, "worst error used " + worst + " of the tolerance");
    }

    @Test
    void aPlantedErrorOfOneThousandthIsCaught() {
        Network network = Network.of(4, 5, 3);
        Problem p = new Problem(network, 5);
        Parameters gradient = p.engineGradient();
        gradient.weights(0)[7] += 1e-3f;
        try {
            compare(p, gradient.weights(0), true, 0);
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage().contains("w2[7]"), expected.getMessage());
            return;
        }
        fail("a gradient off by 1e-3 passed the finite-difference check");
    }

    /** Returns the largest |error| / tolerance seen; fails on the first value over tolerance. */
    private static double compare(Problem p, float[] engine, boolean weights, int layer) {
        double worst = 0;
        double[] target = weights ? p.w[layer] : p.b[layer];
        for (int i = 0; i < engine.length; i++) {
            double saved = target[i];
            target[i] = saved + H;
            double plus = p.cost();
            target[i] = saved - H;
            double minus = p.cost();
            target[i] = saved;
            double fd = (plus - minus) / (2 * H);
            double tolerance = ABSOLUTE + RELATIVE * Math.abs(fd);
            double error = Math.abs(engine[i] - fd);
            String name = (weights ? "w" : "b") + (layer + 2) + "[" + i + "]";
            if (!(error <= tolerance)) {
                fail(p.network + ": " + name + " engine " + engine[i] + ", finite difference " + fd + ", |error| "
                        + error + " > tolerance " + tolerance);
            }
            worst = Math.max(worst, error / tolerance);
        }
        return worst;
    }

    /** A network, its parameters (float32 and the same values in double), and one batch. */
    private static final class Problem {
        final Network network;
        final Parameters parameters;
        final double[][] w;
        final double[][] b;
        final float[] x;
        final float[] y;

        Problem(Network network, long seed) {
            this.network = network;
            this.parameters = Parameters.initialize(network, Init.SCALED_NORMAL, seed);
            Random random = new Random(seed + 1);
            x = new float[BATCH * network.inputWidth()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            y = new float[BATCH * network.outputWidth()];
            int out = network.outputWidth();
            for (int e = 0; e < BATCH; e++) {
                if (network.cost() == Costs.LOG_LIKELIHOOD) {
                    y[e * out + random.nextInt(out)] = 1;
                } else {
                    for (int j = 0; j < out; j++) {
                        y[e * out + j] = random.nextFloat();
                    }
                }
            }
            w = new double[network.depth()][];
            b = new double[network.depth()][];
            for (int l = 0; l < network.depth(); l++) {
                w[l] = toDouble(parameters.weights(l));
                b[l] = toDouble(parameters.biases(l));
            }
        }

        double cost() {
            return NetworkOracle.meanCost(network, w, b, x, y, BATCH);
        }

        Parameters engineGradient() {
            Parameters gradient = Parameters.zeros(network);
            try (Engine engine = new RefEngineProvider().open();
                 Backpropagation bp = Backpropagation.open(engine, network)) {
                bp.setParameters(parameters);
                bp.feedforward(x, 0, BATCH);
                bp.setTargets(y, 0);
                bp.backpropagate();
                bp.getGradient(gradient);
            }
            return gradient;
        }

        private static double[] toDouble(float[] values) {
            double[] d = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                d[i] = values[i];
            }
            return d;
        }
    }
}
