package dev.backprop;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

/**
 * The engine matrices an {@link Optimizer} keeps for one network: {@code stateMatrices()} per
 * weight matrix and per bias vector, allocated once and zeroed, plus the count of steps taken.
 * Part of {@link Backpropagation}, kept apart so that the chapter's algorithm stays readable.
 */
final class OptimizerSlots {
    final Optimizer optimizer;
    private final Matrix[][] weightState;
    private final Matrix[][] biasState;
    /** Steps taken; the next step is t = steps + 1. */
    long steps;

    private OptimizerSlots(Optimizer optimizer, Matrix[][] weightState, Matrix[][] biasState) {
        this.optimizer = optimizer;
        this.weightState = weightState;
        this.biasState = biasState;
    }

    /** The rule's state for every layer of {@code network}, zero. */
    static OptimizerSlots allocate(Engine engine, Network network, Optimizer optimizer) {
        int depth = network.depth();
        int k = optimizer.stateMatrices();
        Matrix[][] w = new Matrix[depth][k];
        Matrix[][] b = new Matrix[depth][k];
        for (int l = 0; l < depth; l++) {
            int out = network.layer(l).width();
            int in = network.fanIn(l);
            float[] zerosW = new float[out * in];
            float[] zerosB = new float[out];
            for (int i = 0; i < k; i++) {
                w[l][i] = engine.allocate(out, in);
                engine.write(w[l][i], zerosW);
                b[l][i] = engine.allocate(1, out);
                engine.write(b[l][i], zerosB);
            }
        }
        return new OptimizerSlots(optimizer, w, b);
    }

    /**
     * One step of the rule on every layer with the gradients held: for each layer the bias, then
     * the penalty's gradient added to ∂C/∂w (for plain SGD only L1's, its L2 being Eq. 93's decay),
     * then the weights.
     */
    void step(Engine engine, Matrix[] w, Matrix[] gradW, Matrix[] b, Matrix[] gradB, double eta, Regularization r) {
        long t = ++steps;
        boolean sgd = optimizer.decaysInStep();
        float l2 = sgd ? 0f : r.l2();
        float l1 = r.l1();
        for (int l = 0; l < w.length; l++) {
            optimizer.step(engine, b[l], gradB[l], biasState[l], eta, t, false);
            if (l2 != 0 || l1 != 0) {
                // Eq. 87 and Eq. 96: ∂C/∂w + (λ/n) w + (λ₁/n) sgn(w).
                engine.regularize(gradW[l], w[l], l2, l1);
            }
            if (sgd) {
                // Eq. 93 with L1's term already in the gradient: w → (1 − ηλ/n) w − η ∂C/∂w.
                engine.update(w[l], gradW[l], (float) eta, r.decay(eta));
            } else {
                optimizer.step(engine, w[l], gradW[l], weightState[l], eta, t, true);
            }
        }
    }

    /** Every state matrix in {@link OptimizerState}'s order: per layer the weights', then the biases'. */
    private Matrix[] all() {
        int k = optimizer.stateMatrices();
        Matrix[] all = new Matrix[2 * k * weightState.length];
        int i = 0;
        for (int l = 0; l < weightState.length; l++) {
            for (Matrix m : weightState[l]) {
                all[i++] = m;
            }
            for (Matrix m : biasState[l]) {
                all[i++] = m;
            }
        }
        return all;
    }

    OptimizerState read(Engine engine) {
        Matrix[] all = all();
        float[][] arrays = new float[all.length][];
        for (int i = 0; i < all.length; i++) {
            arrays[i] = new float[all[i].size()];
            engine.read(all[i], arrays[i]);
        }
        return new OptimizerState(optimizer.id(), steps, arrays);
    }

    /** Checks every array against its matrix before writing any. */
    void write(Engine engine, OptimizerState state) {
        if (!state.optimizer().equals(optimizer.id())) {
            throw new IllegalArgumentException("the saved state is " + state.optimizer() + "'s, this session steps with "
                    + optimizer.id());
        }
        Matrix[] all = all();
        float[][] arrays = state.arrays();
        if (arrays.length != all.length) {
            throw new IllegalArgumentException("the saved " + state.optimizer() + " state has " + arrays.length
                    + " matrices, this network needs " + all.length);
        }
        for (int i = 0; i < all.length; i++) {
            if (arrays[i].length != all[i].size()) {
                throw new IllegalArgumentException("saved state matrix " + i + " holds " + arrays[i].length
                        + " values, this network's is " + all[i].shape());
            }
        }
        for (int i = 0; i < all.length; i++) {
            engine.write(all[i], arrays[i]);
        }
        steps = state.steps();
    }
}
