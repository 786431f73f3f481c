package dev.backprop.engine.ref;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;
import dev.backprop.spi.Availability;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;
import dev.backprop.spi.Matrix;
import dev.backprop.tck.RuleIds;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Engines with one planted bug each, and the rule of the kit that must catch it. Each bug is
 * one a real engine could have: a dropped transpose, a forgotten σ′ or 1/m, a skipped tail, a
 * stale buffer, an input changed in place, a sum whose order changes between calls.
 */
final class Mutants {
    private Mutants() {
    }

    /**
     * A mutant: its name, the rule that must fail, how to make its engine, and for the mutants of
     * blind spots, every rule it fails (null where that is not asserted).
     */
    record Mutant(String name, String rule, Function<String, Engine> factory, Set<String> failsExactly) {
        Mutant(String name, String rule, Function<String, Engine> factory) {
            this(name, rule, factory, null);
        }

        EngineProvider provider() {
            return new EngineProvider() {
                public String name() {
                    return name;
                }

                public int priority() {
                    return -1;
                }

                public Availability availability() {
                    return Availability.available("mutant of the reference engine");
                }

                public Engine open() {
                    return factory.apply(name);
                }
            };
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every mutant: those the kit caught before issue 15, those of its blind spots, then those of chapter 3's operations. */
    static List<Mutant> all() {
        return Stream.of(beforeIssue15(), BlindSpotMutants.all(), TrainingMutants.all()).flatMap(List::stream).toList();
    }

    /** The mutants the kit caught before issue 15, one planted bug each. */
    static List<Mutant> beforeIssue15() {
        return List.of(
                new Mutant("bp2-without-transpose", RuleIds.BP2, BackpropagateWithoutTranspose::new),
                new Mutant("bp1-without-sigma-prime", RuleIds.BP1, OutputErrorWithoutSigmaPrime::new),
                new Mutant("bp3-not-divided-by-batch", RuleIds.BP3, BiasGradientNotDivided::new),
                new Mutant("bp4-input-and-error-swapped", RuleIds.BP4, WeightGradientSwapped::new),
                new Mutant("bp4-tail-skipped", RuleIds.BP4, WeightGradientTailSkipped::new),
                new Mutant("eq25-without-bias", RuleIds.EQ25, FeedforwardWithoutBias::new),
                new Mutant("eq25-accumulates-into-stale-output", RuleIds.OUTPUTS, FeedforwardAccumulates::new),
                new Mutant("softmax-without-max-shift", RuleIds.SATURATION, SoftmaxOverflows::new),
                new Mutant("cost-not-divided-by-batch", RuleIds.COST, CostNotDivided::new),
                new Mutant("update-ignores-decay", RuleIds.SGD_L2, UpdateIgnoresDecay::new),
                new Mutant("fused-step-with-stale-gradient", RuleIds.FUSED, FusedStepWithStaleGradient::new),
                new Mutant("bp2-modifies-z-in-place", RuleIds.INPUTS, BackpropagateModifiesInput::new),
                new Mutant("bp3-sums-in-random-order", RuleIds.DETERMINISM, BiasGradientRandomOrder::new),
                new Mutant("writes-before-checking-shapes", RuleIds.SHAPES, WritesBeforeChecking::new),
                new Mutant("close-twice-throws", RuleIds.CLOSE_TWICE, CloseTwiceThrows::new),
                new Mutant("custom-derivative-ignored", RuleIds.CUSTOM_ACTIVATION, CustomDerivativeIgnored::new),
                new Mutant("eq25-stages-through-a-static-buffer", RuleIds.PREDICTOR, FeedforwardSharedStaging::new));
    }

    /** BP4 fused with the update in the wrong order: W moves by whatever gradW held before. */
    static final class FusedStepWithStaleGradient extends DelegatingEngine {
        FusedStepWithStaleGradient(String name) {
            super(name);
        }

        @Override
        public void weightGradientAndUpdate(Matrix delta, Matrix aIn, Matrix gradW, Matrix w, float eta, float decay) {
            update(w, gradW, eta, decay);
            weightGradient(delta, aIn, gradW);
        }
    }

    /** BP2 reading W as if it were stored transposed. */
    static class BackpropagateWithoutTranspose extends DelegatingEngine {
        BackpropagateWithoutTranspose(String name) {
            super(name);
        }

        @Override
        public void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
            super.backpropagate(wNext, deltaNext, z, f, delta); // shape checks
            float[] w = host(wNext);
            float[] dn = host(deltaNext);
            float[] zz = host(z);
            int m = deltaNext.rows();
            int next = wNext.rows();
            int width = wNext.cols();
            float[] d = new float[m * width];
            for (int x = 0; x < m; x++) {
                for (int k = 0; k < width; k++) {
                    float s = 0;
                    for (int j = 0; j < next; j++) {
                        s += dn[x * next + j] * w[(k * next + j) % w.length];
                    }
                    d[x * width + k] = s * f.derivative(zz[x * width + k]);
                }
            }
            write(delta, d, 0);
        }
    }

    /** BP1 of the quadratic cost as a − y, σ′ dropped. */
    static final class OutputErrorWithoutSigmaPrime extends DelegatingEngine {
        OutputErrorWithoutSigmaPrime(String name) {
            super(name);
        }

        @Override
        public void outputError(Cost c, Activation f, Matrix aOut, Matrix z, Matrix y, Matrix delta) {
            super.outputError(c, f, aOut, z, y, delta);
            if (c == Costs.QUADRATIC) {
                float[] a = host(aOut);
                float[] t = host(y);
                for (int i = 0; i < a.length; i++) {
                    a[i] -= t[i];
                }
                write(delta, a, 0);
            }
        }
    }

    /** BP3 as column sums without the 1/m. */
    static final class BiasGradientNotDivided extends DelegatingEngine {
        BiasGradientNotDivided(String name) {
            super(name);
        }

        @Override
        public void biasGradient(Matrix delta, Matrix gradB) {
            super.biasGradient(delta, gradB);
            float[] g = host(gradB);
            for (int j = 0; j < g.length; j++) {
                g[j] *= delta.rows();
            }
            write(gradB, g, 0);
        }
    }

    /** BP4 as Aᵀ·Δ (in × out) written into the out × in gradient. */
    static class WeightGradientSwapped extends DelegatingEngine {
        WeightGradientSwapped(String name) {
            super(name);
        }

        @Override
        public void weightGradient(Matrix delta, Matrix aIn, Matrix gradW) {
            super.weightGradient(delta, aIn, gradW);
            float[] d = host(delta);
            float[] a = host(aIn);
            int m = delta.rows();
            int out = delta.cols();
            int in = aIn.cols();
            float[] g = new float[out * in];
            for (int k = 0; k < in; k++) {
                for (int j = 0; j < out; j++) {
                    float s = 0;
                    for (int x = 0; x < m; x++) {
                        s += a[x * in + k] * d[x * out + j];
                    }
                    g[k * out + j] = s / m;
                }
            }
            write(gradW, g, 0);
        }
    }

    /** BP4 that leaves the last (in mod 8) columns at zero, like a vector loop without its tail. */
    static final class WeightGradientTailSkipped extends DelegatingEngine {
        WeightGradientTailSkipped(String name) {
            super(name);
        }

        @Override
        public void weightGradient(Matrix delta, Matrix aIn, Matrix gradW) {
            super.weightGradient(delta, aIn, gradW);
            float[] g = host(gradW);
            int in = gradW.cols();
            for (int j = 0; j < gradW.rows(); j++) {
                for (int k = in - in % 8; k < in; k++) {
                    g[j * in + k] = 0;
                }
            }
            write(gradW, g, 0);
        }
    }

    /** Eq. 25 without + b. */
    static final class FeedforwardWithoutBias extends DelegatingEngine {
        FeedforwardWithoutBias(String name) {
            super(name);
        }

        @Override
        public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
            Matrix zeroBias = allocate(b.rows(), b.cols());
            write(zeroBias, new float[b.size()], 0);
            super.feedforward(w, zeroBias, aIn, z, aOut, f);
        }
    }

    /**
     * Eq. 25 that passes its activations through a buffer every instance shares, as an engine with a
     * static scratch array would: right on one thread, mixed up as soon as two engines feed forward
     * at once. The pause between filling and emptying it stands for a longer kernel.
     */
    static final class FeedforwardSharedStaging extends DelegatingEngine {
        private static float[] staging = new float[0];

        FeedforwardSharedStaging(String name) {
            super(name);
        }

        @Override
        public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
            super.feedforward(w, b, aIn, z, aOut, f);
            float[] a = host(aOut);
            float[] shared = staging;
            if (shared.length < a.length) {
                shared = new float[a.length];
                staging = shared;
            }
            System.arraycopy(a, 0, shared, 0, a.length);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            write(aOut, staging, 0);
        }
    }

    /** Eq. 25 that adds its z into whatever the buffer held. */
    static final class FeedforwardAccumulates extends DelegatingEngine {
        FeedforwardAccumulates(String name) {
            super(name);
        }

        @Override
        public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
            float[] old = host(z);
            super.feedforward(w, b, aIn, z, aOut, f);
            float[] fresh = host(z);
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] += old[i];
            }
            write(z, fresh, 0);
        }
    }

    /** Softmax as e^z / Σ e^z in float, without subtracting the row maximum. */
    static final class SoftmaxOverflows extends DelegatingEngine {
        SoftmaxOverflows(String name) {
            super(name);
        }

        @Override
        public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
            super.feedforward(w, b, aIn, z, aOut, f);
            if (f == Activations.SOFTMAX) {
                float[] zz = host(z);
                float[] a = new float[zz.length];
                int width = z.cols();
                for (int x = 0; x < z.rows(); x++) {
                    float sum = 0;
                    for (int j = 0; j < width; j++) {
                        a[x * width + j] = (float) Math.exp(zz[x * width + j]);
                        sum += a[x * width + j];
                    }
                    for (int j = 0; j < width; j++) {
                        a[x * width + j] /= sum;
                    }
                }
                write(aOut, a, 0);
            }
        }
    }

    /** The cost summed over the batch instead of averaged. */
    static final class CostNotDivided extends DelegatingEngine {
        CostNotDivided(String name) {
            super(name);
        }

        @Override
        public double cost(Cost c, Matrix aOut, Matrix y) {
            return super.cost(c, aOut, y) * aOut.rows();
        }
    }

    /** The SGD step without the L2 decay. */
    static final class UpdateIgnoresDecay extends DelegatingEngine {
        UpdateIgnoresDecay(String name) {
            super(name);
        }

        @Override
        public void update(Matrix param, Matrix grad, float eta, float decay) {
            super.update(param, grad, eta, 0f);
        }
    }

    /** BP2 that leaves σ′(z) in z, as an in-place kernel might. */
    static final class BackpropagateModifiesInput extends DelegatingEngine {
        BackpropagateModifiesInput(String name) {
            super(name);
        }

        @Override
        public void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
            super.backpropagate(wNext, deltaNext, z, f, delta);
            float[] zz = host(z);
            for (int i = 0; i < zz.length; i++) {
                zz[i] = f.derivative(zz[i]);
            }
            write(z, zz, 0);
        }
    }

    /** BP3 summing the rows in a different order on every call, as racing threads would. */
    static final class BiasGradientRandomOrder extends DelegatingEngine {
        private final Random random = new Random();

        BiasGradientRandomOrder(String name) {
            super(name);
        }

        @Override
        public void biasGradient(Matrix delta, Matrix gradB) {
            super.biasGradient(delta, gradB);
            float[] d = host(delta);
            int m = delta.rows();
            int width = delta.cols();
            int[] order = new int[m];
            for (int i = 0; i < m; i++) {
                order[i] = i;
            }
            for (int i = m - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            float[] g = new float[width];
            for (int j = 0; j < width; j++) {
                float s = 0;
                for (int x : order) {
                    s += d[x * width + j];
                }
                g[j] = s / m;
            }
            write(gradB, g, 0);
        }
    }

    /** Zeroes the BP4 output before the arguments are checked. */
    static final class WritesBeforeChecking extends DelegatingEngine {
        WritesBeforeChecking(String name) {
            super(name);
        }

        @Override
        public void weightGradient(Matrix delta, Matrix aIn, Matrix gradW) {
            write(gradW, new float[gradW.size()], 0);
            super.weightGradient(delta, aIn, gradW);
        }
    }

    /** close() that refuses a second call. */
    static final class CloseTwiceThrows extends DelegatingEngine {
        private boolean closed;

        CloseTwiceThrows(String name) {
            super(name);
        }

        @Override
        public void close() {
            if (closed) {
                throw new IllegalStateException("already closed");
            }
            closed = true;
            super.close();
        }
    }

    /** Runs custom activations with σ′ = 1 instead of asking the activation. */
    static final class CustomDerivativeIgnored extends DelegatingEngine {
        CustomDerivativeIgnored(String name) {
            super(name);
        }

        @Override
        public void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
            super.backpropagate(wNext, deltaNext, z, f instanceof Activations ? f : Activations.IDENTITY, delta);
        }
    }
}
