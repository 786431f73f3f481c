package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.Parameters;
import dev.backprop.Regularization;
import dev.backprop.SeededRandom;
import dev.backprop.TrainingOrder;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * Mode 1's rounds: one global mini-batch step each. The partitions compute the gradients of their
 * shares; the driver combines them in partition order and hands the sum to its own
 * {@link Backpropagation} session ({@code setGradient}, then {@code update(η, penalty)}), which
 * holds the parameters and the optimiser's state and takes the step {@link dev.backprop.Trainer}
 * takes with the gradient it computed itself. The optimiser's state never leaves the driver.
 */
final class GradientRounds extends Rounds {
    private final Backpropagation driver;
    private final Regularization penalty;
    private final Parameters gradient;
    private final Parameters next;
    /** The trainer's dropout stream: each global mini-batch's masks, drawn as Trainer draws them; null without dropout. */
    private final SeededRandom dropout;
    private float[] current;

    GradientRounds(NetworkShape shape, SparkTrainer settings, JavaRDD<Shard> shards, ShardSizes sizes,
                   Backpropagation driver, float[] initial) {
        super(shape, settings, shards, sizes);
        this.driver = driver;
        this.penalty = rule.regularization();
        this.gradient = Parameters.zeros(shape.network());
        this.next = Parameters.zeros(shape.network());
        this.dropout = settings.dropout() > 0 ? DropoutMasks.generator(settings.seed()) : null;
        this.current = initial;
        driver.setOptimizer(settings.optimizer());
        driver.setParameters(Flat.unpack(initial, shape.network()));
    }

    /** One per global mini-batch, as local training steps. */
    @Override
    int count(TrainingOrder order) {
        return order.batches();
    }

    @Override
    Combine.Combined run(Broadcast<int[]> epochOrder, TrainingOrder order, int epoch, double eta, int round) {
        int from = order.batchStart(round);
        int to = order.batchEnd(round);
        float[][] masks = null;
        if (dropout != null) {
            masks = DropoutMasks.allocate(shape.network(), to - from);
            DropoutMasks.draw(dropout, settings.dropout(), shape.network(), to - from, masks);
        }
        Broadcast<float[]> parameters = sc.broadcast(current);
        Combine.Combined combined;
        try {
            combined = Combine.weightedMean(collect(new GradientTask(shape, settings.engine(), parameters, epochOrder,
                    offsets, from, to, masks)));
        } finally {
            parameters.destroy();
        }
        // The combined gradient of the global mini-batch; the penalty's term and the rule's step
        // are the driver session's, with its optimiser state.
        Flat.unpack(combined.values(), gradient);
        driver.setGradient(gradient);
        driver.update(rule.eta(eta, epoch, round, order.batches()), penalty);
        driver.getParameters(next);
        current = Flat.pack(next);
        return combined;
    }

    @Override
    float[] parameters() {
        return current;
    }
}
