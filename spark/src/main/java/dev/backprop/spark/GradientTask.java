package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.Parameters;
import dev.backprop.data.Dataset;

import org.apache.spark.broadcast.Broadcast;

/**
 * Mode 1: the gradient of the mean cost over this partition's share of one global mini-batch
 * (BP1–BP4 on its engine), with the dropout masks of its examples' places in the batch. The step
 * is the driver's.
 */
final class GradientTask extends RoundTask {
    private static final long serialVersionUID = 1L;

    private final int from;
    private final int to;
    private final float[][] masks;

    /**
     * @param from the global mini-batch's places [from, to) in the epoch's order
     * @param masks the whole batch's dropout masks (per hidden layer, (to − from) × width), or null
     */
    GradientTask(NetworkShape shape, String engineName, Broadcast<float[]> parameters, Broadcast<int[]> epochOrder,
                 int[] offsets, int from, int to, float[][] masks) {
        super(shape, engineName, parameters, epochOrder, offsets);
        this.from = from;
        this.to = to;
        this.masks = masks;
    }

    @Override
    PartialResult compute(int partition, Dataset examples, int first, int end) {
        int[] order = epochOrder.value();
        int[] places = places(order, from, to, first, end);
        if (places.length == 0) {
            return PartialResult.none(partition);
        }
        int[] rows = rows(order, places, first);
        float[] x = new float[rows.length * examples.inputWidth()];
        float[] y = new float[rows.length * examples.outputWidth()];
        gather(examples, rows, 0, rows.length, x, y);
        float[][] ownMasks = null;
        if (masks != null) {
            for (int r = 0; r < places.length; r++) {
                places[r] -= from;
            }
            ownMasks = DropoutMasks.select(masks, places, shape.network());
        }
        try (ExecutorEngines.Lease lease = ExecutorEngines.borrow(engineName)) {
            Backpropagation bp = lease.session(shape);
            load(bp);
            bp.feedforward(x, 0, rows.length, ownMasks);
            bp.setTargets(y, 0);
            double cost = bp.cost();
            // BP1–BP4 on this share: the gradient of its mean cost, left in the engine.
            bp.backpropagate();
            Parameters gradient = Parameters.zeros(shape.network());
            bp.getGradient(gradient);
            return new PartialResult(partition, rows.length, cost, Flat.pack(gradient), lease.engine().name(), 0);
        }
    }
}
