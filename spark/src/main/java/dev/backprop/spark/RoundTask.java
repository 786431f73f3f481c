package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.data.Dataset;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's part of a round, run on an executor with the engine it borrows from
 * {@link ExecutorEngines}. A task is a pure function of the broadcast parameters, the epoch's
 * order and the partition's examples, so a retried task (after an executor died) sends the same
 * bits as the first attempt would have.
 *
 * <p>Which examples a partition uses: the epoch's order is the global one of
 * {@link dev.backprop.TrainingOrder} over all n examples, numbered partition after partition
 * (partition p holds the global indices offsets[p] … offsets[p+1] − 1, in its own row order).
 * The two modes' tasks: {@link GradientTask} and {@link LocalStepsTask}.
 */
abstract class RoundTask implements Function2<Integer, Iterator<Shard>, Iterator<PartialResult>> {
    private static final long serialVersionUID = 1L;

    final NetworkShape shape;
    final String engineName;
    final Broadcast<float[]> parameters;
    final Broadcast<int[]> epochOrder;
    final int[] offsets;

    RoundTask(NetworkShape shape, String engineName, Broadcast<float[]> parameters, Broadcast<int[]> epochOrder,
              int[] offsets) {
        this.shape = shape;
        this.engineName = engineName;
        this.parameters = parameters;
        this.epochOrder = epochOrder;
        this.offsets = offsets;
    }

    @Override
    public Iterator<PartialResult> call(Integer partition, Iterator<Shard> shards) {
        Shard shard = shards.next();
        if (shard.problem() != null) {
            // The driver read every shard's summary before the first round; only a recomputed
            // partition with different data (a non-deterministic source) can get here.
            throw new IllegalStateException(shard.problem() + " (the partition's data changed since training started)");
        }
        PartialResult result;
        if (shard.size() == 0) {
            result = PartialResult.none(partition);
        } else {
            result = compute(partition, shard.examples(), offsets[partition], offsets[partition + 1]);
        }
        return Collections.singletonList(result).iterator();
    }

    /** This partition's work on its examples, whose global indices are [first, end). */
    abstract PartialResult compute(int partition, Dataset examples, int first, int end);

    /**
     * The places in [from, to) of the epoch's order whose examples fall into this partition (global
     * indices [first, end)), in the order's order.
     */
    static int[] places(int[] order, int from, int to, int first, int end) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (order[i] >= first && order[i] < end) {
                count++;
            }
        }
        int[] places = new int[count];
        int r = 0;
        for (int i = from; i < to; i++) {
            if (order[i] >= first && order[i] < end) {
                places[r++] = i;
            }
        }
        return places;
    }

    /** The local row numbers of the examples at {@code places} of the epoch's order. */
    static int[] rows(int[] order, int[] places, int first) {
        int[] rows = new int[places.length];
        for (int r = 0; r < places.length; r++) {
            rows[r] = order[places[r]] - first;
        }
        return rows;
    }

    /** Copies rows[from … to) of {@code examples} into x and y, one example per row. */
    static void gather(Dataset examples, int[] rows, int from, int to, float[] x, float[] y) {
        for (int r = from; r < to; r++) {
            examples.copyInput(rows[r], x, (r - from) * examples.inputWidth());
            examples.copyTarget(rows[r], y, (r - from) * examples.outputWidth());
        }
    }

    /** The broadcast parameters (the leading values of the broadcast array) into this engine's buffers. */
    void load(Backpropagation bp) {
        bp.setParameters(Flat.leading(parameters.value(), shape.network()));
    }

    /**
     * Which walk: broadcast ids count from 0 in every application, and one JVM may run several
     * applications one after another (local mode), so the application is part of the key.
     */
    private record WalkKey(String application, long epochOrder, int partition, int first, int end) {
    }

    /** Partitions' walks through an epoch, computed in O(n) once per epoch instead of once per round. */
    private static final Map<WalkKey, int[]> WALKS = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<WalkKey, int[]> eldest) {
            return size() > 64;
        }
    };

    /** This partition's examples (local rows) in the order of the epoch: all of its places in epochOrder. */
    int[] walk(int partition, int first, int end) {
        WalkKey key = new WalkKey(SparkEnv.get().conf().getAppId(), epochOrder.id(), partition, first, end);
        synchronized (WALKS) {
            int[] walk = WALKS.get(key);
            if (walk == null) {
                int[] order = epochOrder.value();
                walk = rows(order, places(order, 0, order.length, first, end), first);
                WALKS.put(key, walk);
            }
            return walk;
        }
    }
}
