package dev.backprop.spark;

import dev.backprop.data.Dataset;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Spreads a data set the driver holds (MNIST read with {@link dev.backprop.data.Mnist#load}, say)
 * over the cluster as a {@code JavaRDD<Example>}, in the data set's order: partition p holds
 * examples ⌊p·n/P⌋ … ⌊(p+1)·n/P⌋ − 1, as {@code parallelize} would cut them.
 *
 * <pre>{@code
 * JavaRDD<Example> examples = Examples.distribute(sc, mnist.training(), 8);
 * trainer.train(parameters, examples, mnist.test());
 * }</pre>
 *
 * <p>Why not {@code sc.parallelize(list, P)}: a parallelized collection keeps each partition's
 * examples inside its partition object, and Spark sends the partition object with every task
 * that reads it, so every round of training would carry the examples to the executors again
 * (for 8,000 MNIST digits in two partitions, 12.5 MB per task). Here each slice travels once, as
 * a broadcast that only the executor computing that partition fetches, and a task carries a
 * partition number. If an executor is lost, its slices are fetched again from the driver.
 */
public final class Examples {
    private Examples() {
    }

    /**
     * Cuts {@code data} into P slices in its order, broadcasts each, and returns an RDD whose
     * partition p reads slice p: examples ⌊p·n/P⌋ … ⌊(p+1)·n/P⌋ − 1, copied once on the driver
     * (the RDD does not change if {@code data} does).
     *
     * @param sc the context of the cluster to train on
     * @param data the examples, held on the driver; labelled data sets give
     *     {@link Example#labelled} examples, others {@link Example#of}
     * @param partitions P, at least 1; with more partitions than examples some are empty
     * @return an RDD of P partitions, the data set's examples in order
     * @throws IllegalArgumentException if {@code partitions} is below 1
     */
    public static JavaRDD<Example> distribute(JavaSparkContext sc, Dataset data, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        List<Broadcast<ExampleArrays>> slices = new ArrayList<>(partitions);
        List<Integer> indices = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) p * data.size() / partitions);
            int to = (int) ((long) (p + 1) * data.size() / partitions);
            slices.add(sc.broadcast(ExampleArrays.of(data, from, to)));
            indices.add(p);
        }
        return sc.parallelize(indices, partitions).flatMap(new Read(slices));
    }

    /** Partition p's examples, from its broadcast slice. */
    private static final class Read implements FlatMapFunction<Integer, Example> {
        private static final long serialVersionUID = 1L;

        private final List<Broadcast<ExampleArrays>> slices;

        Read(List<Broadcast<ExampleArrays>> slices) {
            this.slices = slices;
        }

        @Override
        public Iterator<Example> call(Integer partition) {
            ExampleArrays slice = slices.get(partition).value();
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < slice.size();
                }

                @Override
                public Example next() {
                    if (next >= slice.size()) {
                        throw new NoSuchElementException();
                    }
                    return slice.example(next++);
                }
            };
        }
    }
}
