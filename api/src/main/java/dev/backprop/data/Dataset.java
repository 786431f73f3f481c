package dev.backprop.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Examples for training or evaluation: inputs x, targets y and, for classification, labels.
 * Immutable; the arrays given to the factories are copied.
 *
 * <pre>{@code
 * Dataset xor = Dataset.classification(new float[] {0,0, 0,1, 1,0, 1,1}, 2, new int[] {0, 1, 1, 0}, 2);
 * Dataset mnist = Mnist.load(Path.of("data/mnist10k")).training();
 * }</pre>
 *
 * <p>Every value is checked when the data set is made: NaN or infinite inputs or targets are
 * rejected with the example's index, since they would turn every gradient into NaN.
 *
 * <p><b>Thread safety.</b> Immutable, so safe to share: any number of threads and trainers may
 * read one data set at once.
 */
public final class Dataset {
    private final int size;
    private final int inputWidth;
    private final int outputWidth;
    private final float[] inputs;
    private final float[] targets;
    private final int[] labels;

    private Dataset(int size, int inputWidth, int outputWidth, float[] inputs, float[] targets, int[] labels) {
        this.size = size;
        this.inputWidth = inputWidth;
        this.outputWidth = outputWidth;
        this.inputs = inputs;
        this.targets = targets;
        this.labels = labels;
    }

    /**
     * A classification set: the target of an example with label k is the one-hot vector e_k.
     * Both arrays are copied.
     *
     * @param inputs size × inputWidth values, example after example, all finite
     * @param inputWidth the number of inputs per example, at least 1
     * @param labels one label per example, each in [0, classes); its length is the set's size
     * @param classes the number of classes, at least 1: the width of each target
     * @return the data set, with labels (so accuracy can be measured)
     * @throws IllegalArgumentException if a width or {@code classes} is below 1, the lengths do
     *     not agree, a label is out of range, or an input is NaN or infinite (a bad label or value
     *     is named with its example's index)
     * @throws NullPointerException if {@code inputs} or {@code labels} is null
     */
    public static Dataset classification(float[] inputs, int inputWidth, int[] labels, int classes) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        return classificationOwning(inputs.clone(), inputWidth, labels.clone(), classes);
    }

    /**
     * Like {@link #classification} but keeps the arrays instead of copying them: for readers in
     * this package that made the arrays themselves (full MNIST would otherwise hold its 188 MB of
     * pixels twice while loading).
     */
    static Dataset classificationOwning(float[] inputs, int inputWidth, int[] labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        int size = checkInputs(inputs, inputWidth, labels.length);
        float[] targets = new float[Math.multiplyExact(size, classes)];
        for (int i = 0; i < size; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label of example " + i + " is " + labels[i]
                        + ", expected 0 to " + (classes - 1));
            }
            targets[i * classes + labels[i]] = 1f;
        }
        return new Dataset(size, inputWidth, classes, inputs, targets, labels);
    }

    /**
     * A set with arbitrary targets (regression) and no labels; accuracy is not defined for it.
     * Both arrays are copied.
     *
     * <pre>{@code
     * Dataset sine = Dataset.of(new float[] {0f, 0.5f, 1f}, 1, new float[] {0f, 0.479f, 0.841f}, 1);
     * }</pre>
     *
     * @param inputs size × inputWidth values, example after example, all finite
     * @param inputWidth the number of inputs per example, at least 1
     * @param targets size × outputWidth values, example after example, all finite; with
     *     {@code outputWidth} it decides the set's size
     * @param outputWidth the number of targets per example, at least 1
     * @return the data set, without labels
     * @throws IllegalArgumentException if a width is below 1, the lengths do not agree, or a value
     *     is NaN or infinite (named with the example's index)
     * @throws NullPointerException if {@code inputs} or {@code targets} is null
     */
    public static Dataset of(float[] inputs, int inputWidth, float[] targets, int outputWidth) {
        Objects.requireNonNull(targets, "targets");
        if (outputWidth < 1) {
            throw new IllegalArgumentException("outputWidth must be at least 1, got " + outputWidth);
        }
        if (targets.length % outputWidth != 0) {
            throw new IllegalArgumentException("targets hold " + targets.length + " values, not a multiple of outputWidth "
                    + outputWidth);
        }
        int size = checkInputs(inputs, inputWidth, targets.length / outputWidth);
        checkFinite(targets, outputWidth, "target");
        return new Dataset(size, inputWidth, outputWidth, inputs.clone(), targets.clone(), null);
    }

    private static int checkInputs(float[] inputs, int inputWidth, int size) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputWidth < 1) {
            throw new IllegalArgumentException("inputWidth must be at least 1, got " + inputWidth);
        }
        if ((long) size * inputWidth != inputs.length) {
            throw new IllegalArgumentException("expected " + size + " examples × " + inputWidth + " inputs = "
                    + (long) size * inputWidth + " values, got " + inputs.length);
        }
        checkFinite(inputs, inputWidth, "input");
        return size;
    }

    private static void checkFinite(float[] values, int width, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " " + (i % width) + " of example " + (i / width) + " is "
                        + values[i] + "; every " + what + " must be a finite number");
            }
        }
    }

    /**
     * The number of examples.
     *
     * @return n, 0 only for an empty {@link #slice}
     */
    public int size() {
        return size;
    }

    /**
     * The width of an input x.
     *
     * @return the number of inputs per example, at least 1
     */
    public int inputWidth() {
        return inputWidth;
    }

    /**
     * The width of a target y.
     *
     * @return the number of targets per example: the number of classes for a classification set
     */
    public int outputWidth() {
        return outputWidth;
    }

    /**
     * Whether examples carry class labels (and accuracy can be measured).
     *
     * @return true for a set made by {@link #classification} or {@link Mnist}, false for
     *     {@link #of}
     */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * The label of example {@code index}.
     *
     * @param index the example, in [0, size())
     * @return its class, the index of the 1 in its one-hot target
     * @throws IllegalStateException if the set has no labels
     * @throws IndexOutOfBoundsException if {@code index} is not an example
     */
    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException("this data set has no labels (it was made with Dataset.of)");
        }
        return labels[Objects.checkIndex(index, size)];
    }

    /**
     * A copy of example {@code index}'s input.
     *
     * @param index the example, in [0, size())
     * @return a new array of {@link #inputWidth()} values
     * @throws IndexOutOfBoundsException if {@code index} is not an example
     */
    public float[] input(int index) {
        Objects.checkIndex(index, size);
        return Arrays.copyOfRange(inputs, index * inputWidth, (index + 1) * inputWidth);
    }

    /**
     * A copy of example {@code index}'s target.
     *
     * @param index the example, in [0, size())
     * @return a new array of {@link #outputWidth()} values
     * @throws IndexOutOfBoundsException if {@code index} is not an example
     */
    public float[] target(int index) {
        Objects.checkIndex(index, size);
        return Arrays.copyOfRange(targets, index * outputWidth, (index + 1) * outputWidth);
    }

    /**
     * Copies example {@code index}'s input into {@code dst[offset…]} (gathering a mini-batch);
     * allocates nothing.
     *
     * @param index the example, in [0, size())
     * @param dst receives {@link #inputWidth()} values; nothing else in it is written
     * @param offset where the first value goes
     * @throws IndexOutOfBoundsException if {@code index} is not an example or {@code dst} has
     *     too little room from {@code offset} on
     */
    public void copyInput(int index, float[] dst, int offset) {
        System.arraycopy(inputs, Objects.checkIndex(index, size) * inputWidth, dst, offset, inputWidth);
    }

    /**
     * Copies example {@code index}'s target into {@code dst[offset…]}; allocates nothing.
     *
     * @param index the example, in [0, size())
     * @param dst receives {@link #outputWidth()} values; nothing else in it is written
     * @param offset where the first value goes
     * @throws IndexOutOfBoundsException if {@code index} is not an example or {@code dst} has
     *     too little room from {@code offset} on
     */
    public void copyTarget(int index, float[] dst, int offset) {
        System.arraycopy(targets, Objects.checkIndex(index, size) * outputWidth, dst, offset, outputWidth);
    }

    /**
     * Examples [from, to) as a new data set with copies of their values, labels kept: how a
     * validation set is split off ({@code data.slice(0, 50000)}, {@code data.slice(50000, 60000)}).
     *
     * @param from the first example, inclusive
     * @param to the end, exclusive; {@code from == to} gives an empty set, which training and
     *     evaluation refuse
     * @return the slice
     * @throws IndexOutOfBoundsException unless 0 ≤ from ≤ to ≤ size()
     */
    public Dataset slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        return new Dataset(to - from, inputWidth, outputWidth,
                Arrays.copyOfRange(inputs, from * inputWidth, to * inputWidth),
                Arrays.copyOfRange(targets, from * outputWidth, to * outputWidth),
                labels == null ? null : Arrays.copyOfRange(labels, from, to));
    }

    @Override
    public String toString() {
        return "Dataset[" + size + " examples, " + inputWidth + " → " + outputWidth
                + (labels == null ? "" : ", labelled") + "]";
    }
}
