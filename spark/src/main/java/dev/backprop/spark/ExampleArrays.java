package dev.backprop.spark;

import dev.backprop.data.Dataset;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Examples [from, to) of a {@link Dataset} as plain arrays, the form in which they travel
 * ({@code Dataset} itself is not serializable): a slice broadcast by {@link Examples#distribute},
 * and a cached {@link Shard} moved between executors. Labelled examples keep their labels only
 * (the one-hot targets are made again on arrival), others their target vectors.
 */
final class ExampleArrays implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int size;
    private final int inputWidth;
    private final int outputWidth;
    private final float[] inputs;
    private final float[] targets;
    private final int[] labels;

    private ExampleArrays(Dataset data, int from, int to) {
        size = to - from;
        inputWidth = data.inputWidth();
        outputWidth = data.outputWidth();
        inputs = new float[size * inputWidth];
        labels = data.hasLabels() ? new int[size] : null;
        targets = data.hasLabels() ? null : new float[size * outputWidth];
        for (int i = 0; i < size; i++) {
            data.copyInput(from + i, inputs, i * inputWidth);
            if (labels != null) {
                labels[i] = data.label(from + i);
            } else {
                data.copyTarget(from + i, targets, i * outputWidth);
            }
        }
    }

    static ExampleArrays of(Dataset data, int from, int to) {
        return new ExampleArrays(data, from, to);
    }

    int size() {
        return size;
    }

    /** The examples as a data set again (at least one). */
    Dataset toDataset() {
        return labels != null
                ? Dataset.classification(inputs, inputWidth, labels, outputWidth)
                : Dataset.of(inputs, inputWidth, targets, outputWidth);
    }

    /** Example i as an {@link Example} of its own (copies). */
    Example example(int i) {
        float[] x = Arrays.copyOfRange(inputs, i * inputWidth, (i + 1) * inputWidth);
        return labels != null ? Example.labelled(x, labels[i])
                : Example.of(x, Arrays.copyOfRange(targets, i * outputWidth, (i + 1) * outputWidth));
    }
}
