package dev.backprop.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One training example in a {@code JavaRDD}: an input x and either a class label (the target is
 * then the one-hot vector e_label, as in {@link dev.backprop.data.Dataset#classification}) or a
 * target vector y (regression).
 *
 * <pre>{@code
 * JavaRDD<Example> digits = sc.parallelize(List.of(Example.labelled(pixels, 7), …), 8);
 * JavaRDD<Example> fits = sc.parallelize(List.of(Example.of(x, new float[] {0.25f}), …), 8);
 * }</pre>
 *
 * <p>The arrays are kept, not copied (an RDD of millions of examples would otherwise hold each
 * one twice); do not change them afterwards. Widths, labels and finiteness are checked on the
 * executors when training starts, and a bad example fails training with its partition and row.
 */
public final class Example implements Serializable {
    private static final long serialVersionUID = 1L;

    /** x, the network's input; kept, not copied. */
    private final float[] input;
    /** y for an example made with {@link #of}; null for a labelled one. */
    private final float[] target;
    /** The class index, 0 or more, of a labelled example; −1 for one with a target vector. */
    private final int label;

    private Example(float[] input, float[] target, int label) {
        this.input = Objects.requireNonNull(input, "input");
        this.target = target;
        this.label = label;
    }

    /**
     * An example of class {@code label}, whose target is the one-hot vector e_label.
     *
     * @param input x, as wide as the network's input; kept, not copied. Its width and finiteness
     *     are checked when training starts
     * @param label the class, 0-based, below the network's output width (the number of classes;
     *     checked when training starts)
     * @return the example
     * @throws IllegalArgumentException if {@code label} is negative
     * @throws NullPointerException if {@code input} is null
     */
    public static Example labelled(float[] input, int label) {
        if (label < 0) {
            throw new IllegalArgumentException("a class label is 0 or more, got " + label);
        }
        return new Example(input, null, label);
    }

    /**
     * An example with the target y itself, for regression (no label; accuracy is not measured on
     * such data).
     *
     * @param input x, as wide as the network's input; kept, not copied
     * @param target y, as wide as the network's output; kept, not copied. Widths and finiteness
     *     are checked when training starts
     * @return the example
     * @throws NullPointerException if {@code input} or {@code target} is null
     */
    public static Example of(float[] input, float[] target) {
        return new Example(input, Objects.requireNonNull(target, "target"), -1);
    }

    /**
     * The input.
     *
     * @return x, the live array (not a copy)
     */
    public float[] input() {
        return input;
    }

    /**
     * Whether this example carries a class label rather than a target vector.
     *
     * @return true for an example made with {@link #labelled}, false for one made with {@link #of}
     */
    public boolean hasLabel() {
        return target == null;
    }

    /**
     * The class label; only for {@link #labelled} examples.
     *
     * @return the class index, 0 or more
     * @throws IllegalStateException if this example has a target vector instead
     */
    public int label() {
        if (target != null) {
            throw new IllegalStateException("this example has a target vector, not a label");
        }
        return label;
    }

    /**
     * The target vector; only for examples made with {@link #of}.
     *
     * @return y, the live array (not a copy)
     * @throws IllegalStateException if this example has a class label instead
     */
    public float[] target() {
        if (target == null) {
            throw new IllegalStateException("this example has a label (" + label + "), not a target vector");
        }
        return target;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Example e && e.label == label && Arrays.equals(e.input, input)
                && Arrays.equals(e.target, target);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(input) + Arrays.hashCode(target)) + label;
    }

    @Override
    public String toString() {
        return "Example[" + input.length + " inputs, " + (hasLabel() ? "label " + label : target.length + " targets") + "]";
    }
}
