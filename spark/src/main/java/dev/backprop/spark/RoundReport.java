package dev.backprop.spark;

/**
 * What one round of distributed training did, for a {@link RoundListener}.
 *
 * <pre>{@code
 * RoundListener slow = round -> {
 *     if (round.seconds() > 0.5) System.out.println("slow: " + round);  // Epoch 2 round 7/8: 1000 examples …
 * };
 * }</pre>
 *
 * @param epoch 1-based
 * @param round 1-based, within the epoch
 * @param rounds rounds in this epoch
 * @param examples examples the partitions computed on in this round (mode 1: the global
 *     mini-batch; mode 2: up to k mini-batches per partition)
 * @param partitions partitions that had examples in this round
 * @param cost the mean cost C of those examples (without L2): mode 1 at the parameters the round
 *     started from; mode 2 the mean over each local mini-batch before its step
 * @param seconds wall time of the round on the driver: broadcast, tasks, combination and step
 */
public record RoundReport(int epoch, int round, int rounds, int examples, int partitions, double cost,
                          double seconds) {

    /**
     * Training throughput of the round.
     *
     * @return {@link #examples()} / {@link #seconds()}, in examples per second of wall time
     */
    public double examplesPerSecond() {
        return examples / seconds;
    }

    @Override
    public String toString() {
        return String.format("Epoch %d round %d/%d: %d examples on %d partitions, cost %.6f, %.1f ms, %.0f examples/s",
                epoch, round, rounds, examples, partitions, cost, seconds * 1e3, examplesPerSecond());
    }
}
