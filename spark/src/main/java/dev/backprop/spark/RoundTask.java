package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.Parameters;
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
     * The local row numbers, in the epoch's order, of the global places [from, to) that fall into
     * this partition.
     */
    static int[] localRows(int[] order, int from, int to, int first, int end) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (order[i] >= first && order[i] < end) {
                count++;
            }
        }
        int[] rows = new int[count];
        int r = 0;
        for (int i = from; i < to; i++) {
            if (order[i] >= first && order[i] < end) {
                rows[r++] = order[i] - first;
            }
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

    /** The broadcast parameters into this engine's buffers. */
    void load(Backpropagation bp) {
        Parameters p = Flat.unpack(parameters.value(), shape.network());
        bp.setParameters(p);
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
                walk = localRows(order, 0, order.length, first, end);
                WALKS.put(key, walk);
            }
            return walk;
        }
    }

    /** Mode 1: the gradient of the mean cost over this partition's share of one global mini-batch. */
    static final class Gradient extends RoundTask {
        private static final long serialVersionUID = 1L;

        private final int from;
        private final int to;

        /** @param from the global mini-batch's places [from, to) in the epoch's order */
        Gradient(NetworkShape shape, String engineName, Broadcast<float[]> parameters, Broadcast<int[]> epochOrder,
                 int[] offsets, int from, int to) {
            super(shape, engineName, parameters, epochOrder, offsets);
            this.from = from;
            this.to = to;
        }

        @Override
        PartialResult compute(int partition, Dataset examples, int first, int end) {
            int[] rows = localRows(epochOrder.value(), from, to, first, end);
            if (rows.length == 0) {
                return PartialResult.none(partition);
            }
            float[] x = new float[rows.length * examples.inputWidth()];
            float[] y = new float[rows.length * examples.outputWidth()];
            gather(examples, rows, 0, rows.length, x, y);
            try (ExecutorEngines.Lease lease = ExecutorEngines.borrow(engineName)) {
                Backpropagation bp = lease.session(shape);
                load(bp);
                bp.feedforward(x, 0, rows.length);
                bp.setTargets(y, 0);
                double cost = bp.cost();
                // BP1–BP4 on this share: the gradient of its mean cost, left in the engine.
                bp.backpropagate();
                Parameters gradient = Parameters.zeros(shape.network());
                bp.getGradient(gradient);
                return new PartialResult(partition, rows.length, cost, Flat.pack(gradient), lease.engine().name());
            }
        }
    }

    /**
     * Mode 2: local mini-batch steps k·round … k·round + k − 1 of this partition's walk through the
     * epoch (its own examples in the epoch's order, in mini-batches of m), then its parameters.
     */
    static final class LocalSteps extends RoundTask {
        private static final long serialVersionUID = 1L;

        private final int miniBatchSize;
        private final int k;
        private final int round;
        private final float eta;
        private final float decay;

        LocalSteps(NetworkShape shape, String engineName, Broadcast<float[]> parameters, Broadcast<int[]> epochOrder,
                   int[] offsets, int miniBatchSize, int k, int round, float eta, float decay) {
            super(shape, engineName, parameters, epochOrder, offsets);
            this.miniBatchSize = miniBatchSize;
            this.k = k;
            this.round = round;
            this.eta = eta;
            this.decay = decay;
        }

        @Override
        PartialResult compute(int partition, Dataset examples, int first, int end) {
            int[] rows = walk(partition, first, end);
            int m = miniBatchSize;
            int batches = (rows.length + m - 1) / m;
            int firstBatch = round * k;
            int endBatch = Math.min(batches, firstBatch + k);
            if (firstBatch >= batches) {
                return PartialResult.none(partition);
            }
            float[] x = new float[m * examples.inputWidth()];
            float[] y = new float[m * examples.outputWidth()];
            double costSum = 0;
            int used = 0;
            try (ExecutorEngines.Lease lease = ExecutorEngines.borrow(engineName)) {
                Backpropagation bp = lease.session(shape);
                load(bp);
                for (int b = firstBatch; b < endBatch; b++) {
                    int from = b * m;
                    int to = Math.min(rows.length, from + m);
                    gather(examples, rows, from, to, x, y);
                    bp.feedforward(x, 0, to - from);
                    bp.setTargets(y, 0);
                    costSum += bp.cost() * (to - from);
                    // The step Trainer takes: BP1–BP4 with Eq. 93 applied as each gradient is made.
                    bp.step(eta, decay);
                    used += to - from;
                }
                Parameters after = Parameters.zeros(shape.network());
                bp.getParameters(after);
                return new PartialResult(partition, used, costSum / used, Flat.pack(after), lease.engine().name());
            }
        }
    }
}
