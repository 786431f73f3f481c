package dev.backprop.spark;

import java.io.Serializable;

/**
 * What one partition sends back from a round: how many examples it used, their mean cost, and
 * an array (mode 1: the gradient of the mean cost over its share of the global mini-batch, of the
 * parameters' shape; mode 2: its parameters after its local steps, followed by its optimiser's
 * state, {@link Flat}'s layout). A partition with nothing to do in a round sends {@link #none}.
 *
 * @param partition the partition's index
 * @param examples the examples it computed on; 0 for none
 * @param cost their mean cost C (without L2), as its engine computed it
 * @param values the gradient, or the parameters and optimiser state, {@link Flat} layout; null for none
 * @param engine the name of the engine that computed it
 * @param steps mode 2: the optimiser's step count after the local steps (Adam's t); 0 in mode 1
 */
record PartialResult(int partition, int examples, double cost, float[] values, String engine, long steps)
        implements Serializable {

    static PartialResult none(int partition) {
        return new PartialResult(partition, 0, 0, null, null, 0);
    }
}
