package dev.backprop.spark;

import dev.backprop.Regularization;

import java.io.Serializable;

/**
 * Everything a step needs besides the gradient and the epoch's η, in a form that travels to the
 * executors (mode 2's local steps) and serves the driver (mode 1's step): the optimiser, the
 * penalty, dropout's p and the warm-up. The η of an epoch is the trainer's η₀ times
 * {@link dev.backprop.Schedule#factor}, computed on the driver.
 *
 * @param optimizer the rule, rebuilt on the executor
 * @param lambda λ of L2
 * @param lambda1 λ₁ of L1
 * @param trainingSize n, the size of the whole distributed training set
 * @param dropout p, 0 for none
 * @param warmUp the epochs of the linear warm-up, 0 for none
 */
record StepRule(OptimizerSpec optimizer, double lambda, double lambda1, int trainingSize, double dropout, int warmUp)
        implements Serializable {

    /** The penalty as {@link dev.backprop.Trainer} builds it, n the whole training set's size. */
    Regularization regularization() {
        return new Regularization(lambda, lambda1, trainingSize);
    }

    /**
     * The η of one step, as {@link dev.backprop.Trainer}'s linear warm-up computes it (in the same
     * operations, for the same bits): the k-th step of the first w epochs takes η · k / (w · steps
     * per epoch), every later step η.
     *
     * @param eta the epoch's η (η₀ times the schedule's factor)
     * @param epoch 1-based
     * @param step the step's index in its epoch, from 0
     * @param steps the steps per epoch (mode 1: global mini-batches; mode 2: the partition's)
     */
    double eta(double eta, int epoch, int step, int steps) {
        if (epoch > warmUp) {
            return eta;
        }
        long k = (long) (epoch - 1) * steps + step + 1;
        return eta * k / ((double) warmUp * steps);
    }
}
