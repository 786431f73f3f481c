package dev.backprop.spark;

import dev.backprop.data.Dataset;

import java.io.Serial;
import java.io.Serializable;

/**
 * The examples of one partition, decoded and checked once and cached on the executor as an
 * ordinary {@link Dataset}, so that mini-batches are gathered and evaluated with the api's own
 * code. Either it holds the examples, or the first problem found in them (then training stops on
 * the driver with that message, without Spark retrying a task whose data will not change).
 *
 * <p>Spark may move a cached partition between executors (a task scheduled away from the
 * executor that holds it fetches the block), so a shard is {@link Serializable}: its serial form
 * is the data set's arrays, and it becomes a data set again when read.
 */
final class Shard implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int partition;
    private final transient Dataset examples;
    private final String problem;

    private Shard(int partition, Dataset examples, String problem) {
        this.partition = partition;
        this.examples = examples;
        this.problem = problem;
    }

    static Shard of(int partition, Dataset examples) {
        return new Shard(partition, examples, null);
    }

    /** A partition without examples (Spark allows them; it then never contributes). */
    static Shard empty(int partition) {
        return new Shard(partition, null, null);
    }

    static Shard failed(int partition, String problem) {
        return new Shard(partition, null, problem);
    }

    int partition() {
        return partition;
    }

    int size() {
        return examples == null ? 0 : examples.size();
    }

    /** The examples; null for an empty or failed shard. */
    Dataset examples() {
        return examples;
    }

    /** What is wrong with the partition's data, or null. */
    String problem() {
        return problem;
    }

    @Serial
    private Object writeReplace() {
        return new SerialForm(this);
    }

    /** The data set as arrays ({@link Dataset} itself is not serializable). */
    private static final class SerialForm implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private final int partition;
        private final String problem;
        private final ExampleArrays examples;

        SerialForm(Shard shard) {
            partition = shard.partition;
            problem = shard.problem;
            examples = shard.examples == null ? null : ExampleArrays.of(shard.examples, 0, shard.examples.size());
        }

        @Serial
        private Object readResolve() {
            if (problem != null) {
                return failed(partition, problem);
            }
            return examples == null ? empty(partition) : of(partition, examples.toDataset());
        }
    }
}
