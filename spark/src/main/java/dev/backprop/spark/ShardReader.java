package dev.backprop.spark;

import dev.backprop.data.Dataset;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;

import org.apache.spark.api.java.function.Function2;

/**
 * Reads one partition into a {@link Shard}, on the executor: decodes every element, checks that
 * each is finite, of the right width and (for labels) in range, and stops at the first bad one
 * with its partition and row (0-based, in the partition's own order) in the message.
 *
 * @param <T> the element type of the RDD
 */
final class ShardReader<T> implements Function2<Integer, Iterator<T>, Iterator<Shard>> {
    private static final long serialVersionUID = 1L;

    private final ExampleDecoder<T> decoder;
    private final int inputWidth;
    private final int outputWidth;

    ShardReader(ExampleDecoder<T> decoder, int inputWidth, int outputWidth) {
        this.decoder = decoder;
        this.inputWidth = inputWidth;
        this.outputWidth = outputWidth;
    }

    @Override
    public Iterator<Shard> call(Integer partition, Iterator<T> items) {
        return Collections.singletonList(read(partition, items)).iterator();
    }

    Shard read(int partition, Iterator<T> items) {
        float[] x = new float[inputWidth];
        float[] y = new float[outputWidth];
        float[] inputs = new float[16 * inputWidth];
        float[] targets = new float[16 * outputWidth];
        int[] labels = new int[16];
        Boolean labelled = null;
        int rows = 0;
        while (items.hasNext()) {
            T item = items.next();
            String problem;
            try {
                int label = decoder.decode(item, x, y);
                problem = check(label, x, y, labelled);
                if (problem == null) {
                    labelled = label >= 0;
                    if (rows == labels.length) {
                        labels = Arrays.copyOf(labels, 2 * rows);
                        inputs = Arrays.copyOf(inputs, 2 * rows * inputWidth);
                        targets = Arrays.copyOf(targets, 2 * rows * outputWidth);
                    }
                    System.arraycopy(x, 0, inputs, rows * inputWidth, inputWidth);
                    if (labelled) {
                        labels[rows] = label;
                    } else {
                        System.arraycopy(y, 0, targets, rows * outputWidth, outputWidth);
                    }
                }
            } catch (ExampleDecoder.BadExample e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                return Shard.failed(partition, "partition " + partition + ", row " + rows + ": " + problem);
            }
            rows++;
        }
        if (rows == 0) {
            return Shard.empty(partition);
        }
        float[] in = Arrays.copyOf(inputs, rows * inputWidth);
        Dataset examples = labelled
                ? Dataset.classification(in, inputWidth, Arrays.copyOf(labels, rows), outputWidth)
                : Dataset.of(in, inputWidth, Arrays.copyOf(targets, rows * outputWidth), outputWidth);
        return Shard.of(partition, examples);
    }

    /** What is wrong with a decoded example, or null. */
    private String check(int label, float[] x, float[] y, Boolean labelledSoFar) {
        String bad = firstNonFinite(x, "input");
        if (bad != null) {
            return bad;
        }
        boolean labelled = label >= 0;
        if (labelledSoFar != null && labelledSoFar != labelled) {
            return labelled ? "a label, where the rows before it have target vectors"
                    : "a target vector, where the rows before it have labels";
        }
        if (labelled) {
            return label < outputWidth ? null
                    : "label " + label + " is not a class of the network's " + outputWidth + " outputs (0 to "
                    + (outputWidth - 1) + ")";
        }
        return firstNonFinite(y, "target");
    }

    private static String firstNonFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return what + " " + i + " is " + values[i] + "; every " + what + " must be a finite number";
            }
        }
        return null;
    }
}
