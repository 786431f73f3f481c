package dev.backprop.spark;

import java.util.List;

/**
 * Combines the partitions' results of a round on the driver, always in partition order, so the
 * bits depend on the partitioning alone and never on which task finished first (Spark's
 * {@code treeAggregate} and {@code fold} merge in completion order; {@code collect} returns
 * results by partition index).
 *
 * <p>The combination is the example-weighted mean v = Σ_p m_p v_p / Σ_p m_p, summed in double.
 * Mode 1: v_p is the gradient of the mean cost over partition p's m_p examples of the global
 * mini-batch, so v is the gradient of the mean over all m = Σ m_p, as if one engine had computed
 * it (chapter 1, Eq. 18: the gradient of a mean cost is the mean of the gradients). Mode 2: v_p are
 * parameters followed by the optimiser's state, and v is their average weighted by the examples
 * each partition trained on.
 *
 * <p>With a single contributing partition the result is its values unchanged, bit for bit (no
 * arithmetic at all), which is what makes one partition equal local training.
 */
final class Combine {
    private Combine() {
    }

    /** The weighted mean of the contributing results' values and costs. */
    record Combined(float[] values, double cost, int examples, int partitions) {
    }

    /**
     * @param results one per partition, in partition order ({@code collect()}'s order)
     * @throws IllegalStateException if no partition contributed
     */
    static Combined weightedMean(List<PartialResult> results) {
        PartialResult single = null;
        int contributors = 0;
        long examples = 0;
        for (PartialResult r : results) {
            if (r.examples() > 0) {
                single = r;
                contributors++;
                examples += r.examples();
            }
        }
        if (contributors == 0) {
            throw new IllegalStateException("no partition had examples in this round");
        }
        if (contributors == 1) {
            return new Combined(single.values(), single.cost(), single.examples(), 1);
        }
        int length = single.values().length;
        double[] sum = new double[length];
        double costSum = 0;
        for (PartialResult r : results) {
            if (r.examples() == 0) {
                continue;
            }
            float[] v = r.values();
            if (v.length != length) {
                throw new IllegalStateException("partition " + r.partition() + " sent " + v.length + " values, expected "
                        + length);
            }
            double weight = r.examples();
            for (int i = 0; i < length; i++) {
                sum[i] += weight * v[i];
            }
            costSum += weight * r.cost();
        }
        float[] mean = new float[length];
        for (int i = 0; i < length; i++) {
            mean[i] = (float) (sum[i] / examples);
        }
        return new Combined(mean, costSum / examples, Math.toIntExact(examples), contributors);
    }
}
