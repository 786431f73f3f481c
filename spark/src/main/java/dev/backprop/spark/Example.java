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

    private final float[] input;
    private final float[] target;
    private final int label;

    private Example(float[] input, float[] target, int label) {
        this.input = Objects.requireNonNull(input, "input");
        this.target = target;
        this.label = label;
    }

    /** An example of class {@code label} (0-based; the network's output width is the number of classes). */
    public static Example labelled(float[] input, int label) {
        if (label < 0) {
            throw new IllegalArgumentException("a class label is 0 or more, got " + label);
        }
        return new Example(input, null, label);
    }

    /** An example with the target y itself (no label; accuracy is not measured on such data). */
    public static Example of(float[] input, float[] target) {
        return new Example(input, Objects.requireNonNull(target, "target"), -1);
    }

    /** x (the live array). */
    public float[] input() {
        return input;
    }

    /** Whether this example carries a class label rather than a target vector. */
    public boolean hasLabel() {
        return target == null;
    }

    /** The class label; only for {@link #labelled} examples. */
    public int label() {
        if (target != null) {
            throw new IllegalStateException("this example has a target vector, not a label");
        }
        return label;
    }

    /** y (the live array); only for examples made with {@link #of}. */
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
