package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.OptimizerState;
import dev.backprop.Parameters;
import dev.backprop.Regularization;
import dev.backprop.SeededRandom;
import dev.backprop.data.Dataset;

import org.apache.spark.broadcast.Broadcast;

/**
 * Mode 2: local mini-batch steps k·round … k·round + k − 1 of this partition's walk through the
 * epoch (its own examples in the epoch's order, in mini-batches of m), each the step
 * {@link dev.backprop.Trainer} takes (BP1–BP4 and the optimiser's rule, with the penalty,
 * dropout and warm-up), starting from the broadcast parameters and optimiser state; then its
 * parameters and state, to be averaged.
 */
final class LocalStepsTask extends RoundTask {
    private static final long serialVersionUID = 1L;

    private final int miniBatchSize;
    private final int k;
    private final int round;
    private final int epoch;
    private final double eta;
    private final StepRule rule;
    private final int[] stateLengths;
    private final long steps;
    private final long[] dropoutStates;

    /**
     * @param parameters the parameters, then the optimiser's state ({@link Flat})
     * @param epoch 1-based, for the warm-up
     * @param eta the epoch's η
     * @param stateLengths the sizes of the state's matrices, in {@link OptimizerState}'s order
     * @param steps the optimiser's step count to start from
     * @param dropoutStates per partition, the state its dropout stream starts this round from; null
     *     without dropout
     */
    LocalStepsTask(NetworkShape shape, String engineName, Broadcast<float[]> parameters, Broadcast<int[]> epochOrder,
                   int[] offsets, int miniBatchSize, int k, int round, int epoch, double eta, StepRule rule,
                   int[] stateLengths, long steps, long[] dropoutStates) {
        super(shape, engineName, parameters, epochOrder, offsets);
        this.miniBatchSize = miniBatchSize;
        this.k = k;
        this.round = round;
        this.epoch = epoch;
        this.eta = eta;
        this.rule = rule;
        this.stateLengths = stateLengths;
        this.steps = steps;
        this.dropoutStates = dropoutStates;
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
        float[][] masks = dropoutStates == null ? null : DropoutMasks.allocate(shape.network(), m);
        SeededRandom random = dropoutStates == null ? null : DropoutMasks.continuing(dropoutStates[partition]);
        Regularization penalty = rule.regularization();
        int parameterCount = Flat.length(shape.network());
        double costSum = 0;
        int used = 0;
        try (ExecutorEngines.Lease lease = ExecutorEngines.borrow(engineName)) {
            Backpropagation bp = lease.session(shape, rule.optimizer());
            load(bp);
            bp.setOptimizerState(Flat.state(parameters.value(), parameterCount, stateLengths, rule.optimizer().id(),
                    steps));
            for (int b = firstBatch; b < endBatch; b++) {
                int from = b * m;
                int to = Math.min(rows.length, from + m);
                gather(examples, rows, from, to, x, y);
                if (masks != null) {
                    DropoutMasks.draw(random, rule.dropout(), shape.network(), to - from, masks);
                }
                bp.feedforward(x, 0, to - from, masks);
                bp.setTargets(y, 0);
                costSum += bp.cost() * (to - from);
                // The step Trainer takes: BP1–BP4, the penalty's gradient and the optimiser's rule.
                bp.step(rule.eta(eta, epoch, b, batches), penalty);
                used += to - from;
            }
            Parameters after = Parameters.zeros(shape.network());
            bp.getParameters(after);
            OptimizerState state = bp.optimizerState();
            float[] values = new float[parameters.value().length];
            Flat.pack(after, values);
            Flat.pack(state, values, parameterCount);
            return new PartialResult(partition, used, costSum / used, values, lease.engine().name(), state.steps());
        }
    }
}
