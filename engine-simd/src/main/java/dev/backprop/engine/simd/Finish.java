package dev.backprop.engine.simd;

import dev.backprop.Activation;
import dev.backprop.Activations;

/**
 * What happens to a block of a product's output once its sum over k is complete: the element-wise
 * second half of each equation, fused into the product so it runs while the block is still in
 * L1 instead of as another pass over the matrix. The engine keeps one instance of each and sets
 * its fields per call, so nothing is allocated per call.
 */
abstract class Finish {
    /** Finishes c[i·ldc + j] for i in [i0, i1), j in [j0, j1). */
    abstract void rows(float[] c, int ldc, int i0, int i1, int j0, int j1);

    /** {@link #rows} in {@link ScalarKernels}' plain loops, with the same bits: the cold path. */
    abstract void coldRows(float[] c, int ldc, int i0, int i1, int j0, int j1);

    /**
     * If this finish only multiplies every element by one factor, that factor, which a kernel may
     * apply as it stores instead of calling {@link #rows}; NaN otherwise.
     */
    float storedScale() {
        return Float.NaN;
    }

    /**
     * What finishing one element costs, in the products' multiply-adds (about 1/32 of a cycle
     * each on one core with AVX-512), for deciding how many parts a product is cut into: σ or σ′
     * through e^x and a division take some three cycles an element, about a hundred
     * multiply-adds; a scale or an update one or two.
     */
    int weight() {
        return 2;
    }

    /** The weight of σ (or σ′) {@code f}: e^x for the sigmoid, tanh and softmax, next to nothing otherwise. */
    static int weightOf(Activation f) {
        return f == Activations.SIGMOID || f == Activations.TANH || f == Activations.SOFTMAX ? 100 : 2;
    }

    /** Eq. 25's second half: z = Σ + b, then a = σ(z) where σ acts element by element. */
    static final class Feedforward extends Finish {
        float[] bias;
        float[] out;
        /** The built-in element-wise σ applied here, or null when σ runs row by row afterwards. */
        Activations activation;

        void set(float[] bias, float[] out, Activation f) {
            this.bias = bias;
            this.out = out;
            this.activation = f instanceof Activations builtin && f.isElementwise() ? builtin : null;
        }

        @Override
        int weight() {
            return weightOf(activation);
        }

        @Override
        void rows(float[] c, int ldc, int i0, int i1, int j0, int j1) {
            for (int i = i0; i < i1; i++) {
                ElementWise.addInPlace(c, i * ldc + j0, bias, j0, j1 - j0);
            }
            if (activation == null) {
                return;
            }
            if (j0 == 0 && j1 == ldc) {
                // Whole rows are one contiguous run: one long loop keeps several e^x in flight,
                // where a call per 30-wide row would wait on each one's latency.
                VectorActivations.activate(activation, c, i0 * ldc, out, i0 * ldc, (i1 - i0) * ldc);
            } else {
                for (int i = i0; i < i1; i++) {
                    int o = i * ldc + j0;
                    VectorActivations.activate(activation, c, o, out, o, j1 - j0);
                }
            }
        }

        @Override
        void coldRows(float[] c, int ldc, int i0, int i1, int j0, int j1) {
            for (int i = i0; i < i1; i++) {
                int o = i * ldc + j0;
                ScalarKernels.addInPlace(c, o, bias, j0, j1 - j0);
                if (activation != null) {
                    ScalarKernels.activate(activation, c, o, out, o, j1 - j0);
                }
            }
        }
    }

    /** BP2's second half: δ = (Δ^{l+1} W^{l+1}) ⊙ σ′(z). */
    static final class Error extends Finish {
        float[] z;
        Activation activation;

        void set(float[] z, Activation f) {
            this.z = z;
            this.activation = f;
        }

        @Override
        int weight() {
            return weightOf(activation);
        }

        @Override
        void rows(float[] c, int ldc, int i0, int i1, int j0, int j1) {
            if (activation instanceof Activations builtin && j0 == 0 && j1 == ldc) {
                // Whole rows: one contiguous run, one call (see Feedforward).
                VectorActivations.multiplyByDerivative(builtin, c, z, i0 * ldc, (i1 - i0) * ldc);
                return;
            }
            for (int i = i0; i < i1; i++) {
                int o = i * ldc;
                if (activation instanceof Activations builtin) {
                    VectorActivations.multiplyByDerivative(builtin, c, z, o + j0, j1 - j0);
                } else {
                    customDerivative(c, o + j0, o + j1);
                }
            }
        }

        @Override
        void coldRows(float[] c, int ldc, int i0, int i1, int j0, int j1) {
            for (int i = i0; i < i1; i++) {
                int o = i * ldc;
                if (activation instanceof Activations builtin) {
                    ScalarKernels.multiplyByDerivative(builtin, c, z, o + j0, j1 - j0);
                } else {
                    customDerivative(c, o + j0, o + j1);
                }
            }
        }

        /** A custom σ′: called per element, exactly as the reference engine does. */
        private void customDerivative(float[] c, int from, int to) {
            for (int j = from; j < to; j++) {
                c[j] *= activation.derivative(z[j]);
            }
        }
    }

    /** BP4's last step: the gradient of the mean cost, Σ_x · (1/m). */
    static class Mean extends Finish {
        float inverseCount;

        @Override
        float storedScale() {
            return inverseCount;
        }

        @Override
        void rows(float[] c, int ldc, int i0, int i1, int j0, int j1) {
            for (int i = i0; i < i1; i++) {
                ElementWise.scaleInPlace(c, i * ldc + j0, j1 - j0, inverseCount);
            }
        }

        @Override
        void coldRows(float[] c, int ldc, int i0, int i1, int j0, int j1) {
            for (int i = i0; i < i1; i++) {
                ScalarKernels.scaleInPlace(c, i * ldc + j0, j1 - j0, inverseCount);
            }
        }
    }

    /**
     * BP4's mean, then Eq. 93 on the same block of W while the block of ∂C/∂W is still in cache:
     * w → (1 − decay)·w − η·g with {@link ElementWise#update}'s rounding, so W gets the same bits
     * as from a separate update pass, without reading the whole gradient back from memory. The
     * direct path's kernels do this in registers (see
     * {@link BroadcastKernels#broadcastProductsAndDescend}); the packed path calls {@link #rows} on
     * each finished block (a block of A's rows, in L2).
     */
    static final class Descend extends Mean {
        float[] weights;
        float eta;
        float decay;

        void set(float[] weights, float inverseCount, float eta, float decay) {
            this.weights = weights;
            this.inverseCount = inverseCount;
            this.eta = eta;
            this.decay = decay;
        }

        /** Not a scale alone: a kernel that only scaled as it stored would skip the update. */
        @Override
        float storedScale() {
            return Float.NaN;
        }

        @Override
        void rows(float[] c, int ldc, int i0, int i1, int j0, int j1) {
            super.rows(c, ldc, i0, i1, j0, j1);
            for (int i = i0; i < i1; i++) {
                ElementWise.update(weights, c, eta, decay, i * ldc + j0, i * ldc + j1);
            }
        }

        @Override
        void coldRows(float[] c, int ldc, int i0, int i1, int j0, int j1) {
            super.coldRows(c, ldc, i0, i1, j0, j1);
            for (int i = i0; i < i1; i++) {
                ScalarKernels.update(weights, c, eta, decay, i * ldc + j0, i * ldc + j1);
            }
        }
    }
}
