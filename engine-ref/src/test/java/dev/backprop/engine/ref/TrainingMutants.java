package dev.backprop.engine.ref;

import dev.backprop.Activation;
import dev.backprop.spi.Checks;
import dev.backprop.spi.Matrix;
import dev.backprop.tck.RuleIds;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Planted bugs in chapter 3's operations (issue 17), one per rule the kit gained for them: each
 * is a mistake an optimiser or dropout kernel could really make.
 */
final class TrainingMutants {
    private TrainingMutants() {
    }

    static List<Mutants.Mutant> all() {
        return List.of(
                new Mutants.Mutant("l1-sign-of-zero-is-one", RuleIds.REGULARIZE, SignOfZeroIsOne::new),
                new Mutants.Mutant("nesterov-takes-the-plain-step", RuleIds.MOMENTUM, NesterovIgnored::new),
                new Mutants.Mutant("adam-without-bias-correction", RuleIds.ADAM, AdamWithoutBiasCorrection::new),
                new Mutants.Mutant("rmsprop-divides-by-the-mean-square", RuleIds.RMSPROP, RmsPropWithoutRoot::new),
                new Mutants.Mutant("dropout-skips-the-last-row", RuleIds.DROPOUT, DropoutSkipsLastRow::new),
                new Mutants.Mutant("dropout-in-bp2-but-not-eq25", RuleIds.DROPOUT_GRADIENT, DropoutOnlyInBackpropagation::new),
                new Mutants.Mutant("momentum-forgets-its-velocity-between-batches", RuleIds.OPTIMIZER_STEPS,
                        MomentumForgetsBetweenBatches::new));
    }

    /** L1 with sgn(0) = 1: a weight at exactly zero is pushed down anyway (Math.signum replaced by a comparison). */
    static final class SignOfZeroIsOne extends DelegatingEngine {
        SignOfZeroIsOne(String name) {
            super(name);
        }

        @Override
        public void regularize(Matrix grad, Matrix param, float l2, float l1) {
            Checks.regularize(grad, param, l2, l1);
            float[] g = host(grad);
            float[] w = host(param);
            for (int i = 0; i < g.length; i++) {
                g[i] = g[i] + l2 * w[i] + l1 * (w[i] < 0 ? -1f : 1f);
            }
            inner.write(grad, g);
        }
    }

    /** A Nesterov flag that never reaches the kernel. */
    static final class NesterovIgnored extends DelegatingEngine {
        NesterovIgnored(String name) {
            super(name);
        }

        @Override
        public void momentumStep(Matrix param, Matrix grad, Matrix velocity, float eta, float mu, boolean nesterov) {
            super.momentumStep(param, grad, velocity, eta, mu, false);
        }
    }

    /** Adam's m and v used as they are, without dividing by 1 − β^t. */
    static final class AdamWithoutBiasCorrection extends DelegatingEngine {
        AdamWithoutBiasCorrection(String name) {
            super(name);
        }

        @Override
        public void adamStep(Matrix param, Matrix grad, Matrix m, Matrix v, float eta, float beta1, float beta2,
                float epsilon, long t, float decay) {
            // At a step count this large β^t is 0, so both corrections 1/(1 − β^t) are exactly 1.
            super.adamStep(param, grad, m, v, eta, beta1, beta2, epsilon, Long.MAX_VALUE, decay);
        }
    }

    /** RMSProp dividing by r + ε instead of √r + ε. */
    static final class RmsPropWithoutRoot extends DelegatingEngine {
        RmsPropWithoutRoot(String name) {
            super(name);
        }

        @Override
        public void rmsPropStep(Matrix param, Matrix grad, Matrix meanSquare, float eta, float rho, float epsilon) {
            Checks.rmsPropStep(param, grad, meanSquare, eta, rho, epsilon);
            float[] w = host(param);
            float[] g = host(grad);
            float[] r = host(meanSquare);
            for (int i = 0; i < w.length; i++) {
                r[i] = rho * r[i] + (1 - rho) * g[i] * g[i];
                w[i] = w[i] - eta * g[i] / (r[i] + epsilon);
            }
            inner.write(meanSquare, r);
            inner.write(param, w);
        }
    }

    /** A mask loop bounded by whole vectors of rows that leaves the last example unmasked. */
    static final class DropoutSkipsLastRow extends DelegatingEngine {
        DropoutSkipsLastRow(String name) {
            super(name);
        }

        @Override
        public void dropout(Matrix values, Matrix mask) {
            Checks.dropout(values, mask);
            float[] x = host(values);
            float[] r = host(mask);
            for (int i = 0; i < x.length - values.cols(); i++) {
                x[i] *= r[i];
            }
            inner.write(values, x);
        }
    }

    /**
     * Dropout that masks δ^l but not a^l: the engine treats the activations Eq. 25 just wrote as
     * already masked (say, a kernel that was to fuse the mask into Eq. 25 and does not), so only
     * BP2's call takes effect. The mask operation alone is right.
     */
    static final class DropoutOnlyInBackpropagation extends DelegatingEngine {
        private final Set<Matrix> activations = Collections.newSetFromMap(new IdentityHashMap<>());

        DropoutOnlyInBackpropagation(String name) {
            super(name);
        }

        @Override
        public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
            super.feedforward(w, b, aIn, z, aOut, f);
            activations.add(aOut);
        }

        @Override
        public void dropout(Matrix values, Matrix mask) {
            if (activations.contains(values)) {
                Checks.dropout(values, mask);
                return;
            }
            super.dropout(values, mask);
        }
    }

    /**
     * Velocities treated as per-mini-batch scratch: every feedforward (a new mini-batch) zeroes the
     * velocity matrices this engine has seen, so each step starts from v = 0. One step alone is
     * right; the book's momentum never builds up.
     */
    static final class MomentumForgetsBetweenBatches extends DelegatingEngine {
        private final Set<Matrix> velocities = Collections.newSetFromMap(new IdentityHashMap<>());

        MomentumForgetsBetweenBatches(String name) {
            super(name);
        }

        @Override
        public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
            for (Matrix v : velocities) {
                inner.write(v, new float[v.size()]);
            }
            super.feedforward(w, b, aIn, z, aOut, f);
        }

        @Override
        public void momentumStep(Matrix param, Matrix grad, Matrix velocity, float eta, float mu, boolean nesterov) {
            super.momentumStep(param, grad, velocity, eta, mu, nesterov);
            velocities.add(velocity);
        }
    }
}
