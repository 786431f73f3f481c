package dev.backprop;

import java.util.Objects;

/**
 * What an optimiser has accumulated in a {@link Backpropagation}, copied out of the engine (for a
 * checkpoint) or to be copied back: the rule's id, the number of steps taken (Adam's t), and
 * each state matrix, row-major, in a fixed order: for each layer from the first, the weights'
 * matrices, then the biases' (for Adam: m then v of each).
 *
 * <pre>{@code
 * OptimizerState saved = bp.optimizerState();
 * // … later, in a session with the same network and optimiser:
 * bp.setOptimizerState(saved);
 * }</pre>
 *
 * @param optimizer the rule's {@link Optimizer#id()}
 * @param steps the steps taken, at least 0
 * @param arrays the state matrices' values, in the order above; empty for plain SGD
 */
public record OptimizerState(String optimizer, long steps, float[][] arrays) {
    /**
     * Copies the arrays.
     *
     * @throws IllegalArgumentException if {@code steps} is negative
     * @throws NullPointerException if an argument or an array is null
     */
    public OptimizerState {
        Objects.requireNonNull(optimizer, "optimizer");
        if (steps < 0) {
            throw new IllegalArgumentException("the steps taken must be at least 0, got " + steps);
        }
        float[][] copy = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            copy[i] = Objects.requireNonNull(arrays[i], "state array").clone();
        }
        arrays = copy;
    }

    /**
     * A copy of the state matrices' values.
     *
     * @return one array per state matrix, in the order described above
     */
    @Override
    public float[][] arrays() {
        float[][] copy = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            copy[i] = arrays[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OptimizerState s && s.optimizer.equals(optimizer) && s.steps == steps
                && java.util.Arrays.deepEquals(s.arrays, arrays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(optimizer, steps, java.util.Arrays.deepHashCode(arrays));
    }

    /** "adam after 120 steps, 4 state matrices". */
    @Override
    public String toString() {
        return optimizer + " after " + steps + " steps, " + arrays.length + " state matrices";
    }
}
