package dev.backprop.spark;

import java.io.Serializable;

/**
 * How the partitions share the work of one round: the two ways data-parallel SGD is done.
 *
 * <pre>{@code
 * SparkTrainer.builder().mode(Mode.synchronousGradient())   // same computation as local training
 * SparkTrainer.builder().mode(Mode.localSteps(50))          // 50 steps per partition, then average
 * }</pre>
 *
 * <p><b>Synchronous gradient</b>: one round is one step on the global mini-batch. The driver
 * broadcasts the parameters; each partition computes the gradient of the mean cost over its
 * share of the mini-batch (BP1–BP4 on its engine); the driver combines the shares in partition
 * order, weighting each by its number of examples, and takes the step with the chosen optimiser,
 * whose state stays in the driver's engine. With one partition this is local training
 * ({@link dev.backprop.Trainer}), bit for bit; with more it is local training with the same
 * global mini-batch, up to the rounding of the combination. Use it when each round carries
 * enough work: a large global mini-batch, or a large network.
 *
 * <p><b>Local steps and averaging</b> (synchronous parameter averaging, as DL4J's): each round,
 * every partition takes {@code k} ordinary mini-batch steps on its own examples from the
 * broadcast parameters and optimiser state, and the driver averages the resulting parameters
 * and states in partition order, weighting each partition by the examples it trained on. k
 * trades communication (one round per k steps) for staleness (the partitions drift apart for k
 * steps). With one partition this too is local training, bit for bit, for every k. Use it when
 * the mini-batch must stay small (the book's 10) and a round costs far more than a step, as on
 * any real cluster.
 */
public sealed interface Mode extends Serializable {

    /**
     * Mode 1: one global mini-batch step per round; see {@link Mode}. A round is one step of
     * m examples ({@link SparkTrainer.Builder#miniBatchSize}), so an epoch of n examples takes
     * ⌈n/m⌉ rounds.
     *
     * @return the synchronous-gradient mode
     */
    static Mode synchronousGradient() {
        return new SynchronousGradient();
    }

    /**
     * Mode 2: {@code k} local mini-batch steps per partition per round, then averaging;
     * see {@link Mode}. With P partitions a round covers up to P·k·m examples, and an epoch takes
     * ⌈b/k⌉ rounds, b the most mini-batches of m that any partition holds (⌈n/(P·m)⌉ when the
     * partitions are of equal size).
     *
     * @param k local mini-batch steps per partition per round, at least 1; larger k means fewer
     *     rounds (less communication) but partitions that drift further apart between averages
     * @return the local-steps mode
     * @throws IllegalArgumentException if {@code k} is below 1
     */
    static Mode localSteps(int k) {
        return new LocalSteps(k);
    }

    /** Mode 1: the driver takes one step per round with the combined gradient. */
    record SynchronousGradient() implements Mode {
        @Override
        public String toString() {
            return "synchronous gradient";
        }
    }

    /**
     * Mode 2: k local steps per partition per round, then parameters and optimiser state averaged.
     *
     * @param k local mini-batch steps per round, at least 1
     */
    record LocalSteps(int k) implements Mode {
        /**
         * Checks k.
         *
         * @param k local mini-batch steps per partition per round, at least 1
         * @throws IllegalArgumentException if {@code k} is below 1
         */
        public LocalSteps {
            if (k < 1) {
                throw new IllegalArgumentException("local steps per round must be at least 1, got k = " + k);
            }
        }

        @Override
        public String toString() {
            return "local steps (k = " + k + ") and averaging";
        }
    }
}
