package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.Network;
import dev.backprop.OptimizerState;
import dev.backprop.SeededRandom;
import dev.backprop.TrainingOrder;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * Mode 2's rounds: k local steps per partition, then the average. What is broadcast, and what
 * comes back from each partition, is the parameters followed by the optimiser's state
 * ({@link Flat}); both are averaged in partition order, each partition weighted by the examples
 * it stepped on, so the state (momentum's velocities, Adam's moments, RMSProp's running mean)
 * goes on from where the averaged parameters are. The step count (Adam's t) goes on from the
 * most steps any partition took, as every partition started from the same count.
 */
final class LocalStepRounds extends Rounds {
    private final int k;
    private final int parameterCount;
    private final int[] stateLengths;
    /** Per partition, its dropout stream as the driver advances it; null without dropout. */
    private final SeededRandom[] dropout;
    /** Parameters, then state. */
    private float[] current;
    private long steps;

    LocalStepRounds(NetworkShape shape, SparkTrainer settings, JavaRDD<Shard> shards, ShardSizes sizes, int k,
                    Backpropagation driver, float[] initial) {
        super(shape, settings, shards, sizes);
        this.k = k;
        // The state's matrices as the api lays them out: the driver's session, given the rule, has them at zero.
        driver.setOptimizer(settings.optimizer());
        OptimizerState zero = driver.optimizerState();
        this.stateLengths = Flat.lengths(zero);
        this.parameterCount = initial.length;
        this.current = Arrays.copyOf(initial, parameterCount + Arrays.stream(stateLengths).sum());
        this.steps = zero.steps();
        if (settings.dropout() > 0) {
            dropout = new SeededRandom[sizes.partitions()];
            for (int p = 0; p < dropout.length; p++) {
                dropout[p] = DropoutMasks.generator(settings.seed(), p);
            }
        } else {
            dropout = null;
        }
    }

    /** ⌈(most local batches) / k⌉. */
    @Override
    int count(TrainingOrder order) {
        int batches = sizes.mostLocalBatches(order.miniBatchSize());
        return (batches + k - 1) / k;
    }

    @Override
    Combine.Combined run(Broadcast<int[]> epochOrder, TrainingOrder order, int epoch, double eta, int round) {
        long[] dropoutStates = dropoutStates(order.miniBatchSize(), round);
        Broadcast<float[]> broadcast = sc.broadcast(current);
        List<PartialResult> results;
        try {
            results = collect(new LocalStepsTask(shape, settings.engine(), broadcast, epochOrder, offsets,
                    order.miniBatchSize(), k, round, epoch, eta, rule, stateLengths, steps, dropoutStates));
        } finally {
            broadcast.destroy();
        }
        Combine.Combined combined = Combine.weightedMean(results);
        current = combined.values();
        for (PartialResult r : results) {
            steps = Math.max(steps, r.steps());
        }
        return combined;
    }

    /**
     * Where each partition's dropout stream stands at the start of this round; then each is moved
     * on by what its task draws in it (one value per hidden neuron of each example it steps on).
     */
    private long[] dropoutStates(int m, int round) {
        if (dropout == null) {
            return null;
        }
        Network network = shape.network();
        long perExample = DropoutMasks.drawsPerExample(network);
        long[] states = new long[dropout.length];
        for (int p = 0; p < dropout.length; p++) {
            states[p] = dropout[p].state().seed();
            int size = sizes.size(p);
            int batches = (size + m - 1) / m;
            long examples = 0;
            for (int b = round * k; b < Math.min(batches, round * k + k); b++) {
                examples += Math.min(m, size - b * m);
            }
            DropoutMasks.skip(dropout[p], examples * perExample);
        }
        return states;
    }

    @Override
    float[] parameters() {
        return Arrays.copyOf(current, parameterCount);
    }
}
