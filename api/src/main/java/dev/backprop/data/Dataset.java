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
     *
     * @param inputs size × inputWidth values, example after example
     * @param labels one label per example, each in [0, classes)
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

    /** A set with arbitrary targets (regression) and no labels; accuracy is not defined for it. */
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

    /** The number of examples. */
    public int size() {
        return size;
    }

    public int inputWidth() {
        return inputWidth;
    }

    /** The width of a target: the number of classes for a classification set. */
    public int outputWidth() {
        return outputWidth;
    }

    /** Whether examples carry class labels (and accuracy can be measured). */
    public boolean hasLabels() {
        return labels != null;
    }

    /** The label of example {@code index}. */
    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException("this data set has no labels (it was made with Dataset.of)");
        }
        return labels[Objects.checkIndex(index, size)];
    }

    /** A copy of example {@code index}'s input. */
    public float[] input(int index) {
        Objects.checkIndex(index, size);
        return Arrays.copyOfRange(inputs, index * inputWidth, (index + 1) * inputWidth);
    }

    /** A copy of example {@code index}'s target. */
    public float[] target(int index) {
        Objects.checkIndex(index, size);
        return Arrays.copyOfRange(targets, index * outputWidth, (index + 1) * outputWidth);
    }

    /** Copies example {@code index}'s input into {@code dst[offset…]} (gathering a mini-batch). */
    public void copyInput(int index, float[] dst, int offset) {
        System.arraycopy(inputs, Objects.checkIndex(index, size) * inputWidth, dst, offset, inputWidth);
    }

    /** Copies example {@code index}'s target into {@code dst[offset…]}. */
    public void copyTarget(int index, float[] dst, int offset) {
        System.arraycopy(targets, Objects.checkIndex(index, size) * outputWidth, dst, offset, outputWidth);
    }

    /** Examples [from, to) as a new data set. */
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
