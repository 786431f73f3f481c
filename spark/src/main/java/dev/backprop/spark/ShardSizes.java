package dev.backprop.spark;

import java.io.Serializable;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;

/**
 * How many examples each partition holds, read by one job before the first round (which also
 * decodes, checks and caches every shard). Partition p's examples get the global indices
 * offsets[p] … offsets[p+1] − 1, the numbering that {@link dev.backprop.TrainingOrder} shuffles.
 */
final class ShardSizes implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] sizes;
    private final int[] offsets;

    private ShardSizes(int[] sizes) {
        this.sizes = sizes;
        this.offsets = new int[sizes.length + 1];
        for (int p = 0; p < sizes.length; p++) {
            offsets[p + 1] = Math.addExact(offsets[p], sizes[p]);
        }
    }

    /**
     * One partition's summary.
     *
     * @param partition the partition's index
     * @param size its examples, 0 for an empty or failed partition
     * @param labelled whether its examples carry labels (false when it has none)
     * @param problem the first bad example's partition, row and fault, or null if all are good
     */
    private record Summary(int partition, int size, boolean labelled, String problem) implements Serializable {
    }

    private static final class Summarise implements Function<Shard, Summary> {
        private static final long serialVersionUID = 1L;

        @Override
        public Summary call(Shard shard) {
            return new Summary(shard.partition(), shard.size(), shard.size() > 0 && shard.examples().hasLabels(),
                    shard.problem());
        }
    }

    /**
     * Runs the job that reads every shard.
     *
     * @throws IllegalArgumentException with the first bad example's partition and row, if the
     *     partitions mix labels and target vectors, or if there are no examples at all
     */
    static ShardSizes read(JavaRDD<Shard> shards) {
        List<Summary> summaries = shards.map(new Summarise()).collect();
        int[] sizes = new int[summaries.size()];
        Summary firstFull = null;
        for (Summary s : summaries) {
            if (s.problem() != null) {
                throw new IllegalArgumentException("bad training example in " + s.problem());
            }
            sizes[s.partition()] = s.size();
            if (s.size() > 0) {
                if (firstFull == null) {
                    firstFull = s;
                } else if (firstFull.labelled() != s.labelled()) {
                    throw new IllegalArgumentException("partition " + firstFull.partition() + " has "
                            + (firstFull.labelled() ? "labels" : "target vectors") + " and partition " + s.partition()
                            + " has " + (s.labelled() ? "labels" : "target vectors") + "; use one kind for all examples");
                }
            }
        }
        if (firstFull == null) {
            throw new IllegalArgumentException("the training data is empty (" + sizes.length
                    + " partitions, none with an example)");
        }
        return new ShardSizes(sizes);
    }

    int partitions() {
        return sizes.length;
    }

    int size(int partition) {
        return sizes[partition];
    }

    /** n, all examples. */
    int total() {
        return offsets[sizes.length];
    }

    /** A copy of offsets[0 … partitions]. */
    int[] offsets() {
        return offsets.clone();
    }

    /** The most mini-batches of m any partition has in an epoch (mode 2's walk). */
    int mostLocalBatches(int m) {
        int most = 0;
        for (int size : sizes) {
            most = Math.max(most, (size + m - 1) / m);
        }
        return most;
    }
}
