package dev.backprop.spark;

import java.util.List;

/**
 * The cost model of docs/distributed.md with constants measured by {@link DistributedBenchmark}:
 * a round costs T₀ + P·t_task (fitted to rounds that compute almost nothing) + 2·P·a·S/B (a
 * arrays of S = 4W bytes to every executor and as many back, B the driver's bandwidth: a = 1 for
 * the parameters and a gradient, or mode 2 with SGD; mode 2 sends the optimiser's state along,
 * a = 2 with momentum or RMSProp, 3 with Adam) + P·a·W·c (the driver's combination, c per value)
 * + the computation: mode 1, the gradient of m/P examples; mode 2, k steps of m examples.
 *
 * @param fixedMs T₀, the intercept of the fit
 * @param perTaskMs t_task, its slope per partition (task)
 * @param exampleMs τ, one example's share of a local step of m examples on one core
 * @param parameters W
 */
record CostModel(double fixedMs, double perTaskMs, double exampleMs, long parameters) {
    /** c: a multiply-add in double and its memory traffic, per value and partition. */
    static final double COMBINE_MS_PER_VALUE = 1e-6;
    /** B of a 10 Gbit/s link, bytes per second. */
    static final double TEN_GIGABIT = 1.25e9;

    /**
     * Least squares of round time against partitions, and τ from local training's throughput.
     *
     * @param overheads (partitions, median round ms) pairs
     */
    static CostModel fit(List<double[]> overheads, double localExamplesPerSecond, long parameters) {
        double n = overheads.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] o : overheads) {
            sx += o[0];
            sy += o[1];
            sxx += o[0] * o[0];
            sxy += o[0] * o[1];
        }
        double slope = n < 2 ? 0 : (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        return new CostModel(intercept, slope, 1000 / localExamplesPerSecond, parameters);
    }

    /** S = 4W, the bytes of the parameters (and of a gradient). */
    long bytes() {
        return 4 * parameters;
    }

    /** Everything of a round but the computation, with P partitions and driver bandwidth B (Infinity: measured on loopback). */
    double overheadMs(int partitions, double bandwidth) {
        return overheadMs(partitions, bandwidth, 1);
    }

    /** The same with {@code arrays} arrays of S each way per partition (mode 2 with Adam: 3). */
    double overheadMs(int partitions, double bandwidth, int arrays) {
        return fixedMs + partitions * perTaskMs + 2.0 * partitions * arrays * bytes() / bandwidth * 1000
                + (double) partitions * arrays * parameters * COMBINE_MS_PER_VALUE;
    }

    /** The computation of a round on each executor. */
    double computeMs(Mode mode, int batch, int partitions) {
        if (mode instanceof Mode.LocalSteps local) {
            return local.k() * batch * exampleMs;
        }
        return (double) batch / partitions * exampleMs;
    }

    double roundMs(Mode mode, int batch, int partitions, double bandwidth) {
        return overheadMs(partitions, bandwidth) + computeMs(mode, batch, partitions);
    }

    /** Examples per round divided by the round's time. */
    double examplesPerSecond(Mode mode, int batch, int partitions, double bandwidth) {
        double examples = mode instanceof Mode.LocalSteps local ? (double) partitions * local.k() * batch : batch;
        return examples / roundMs(mode, batch, partitions, bandwidth) * 1000;
    }

    /**
     * Mode 2: the least k for which computing takes 80 % of a round (k·m·τ ≥ 4 × overhead).
     *
     * @param arrays 1 + the optimiser's state matrices per parameter matrix (SGD 1, Adam 3)
     */
    long localStepsFor80Percent(int batch, int partitions, double bandwidth, int arrays) {
        return (long) Math.ceil(4 * overheadMs(partitions, bandwidth, arrays) / (batch * exampleMs));
    }

    /** Mode 1: the least global mini-batch for which computing takes 80 % of a round ((m/P)·τ ≥ 4 × overhead). */
    long globalBatchFor80Percent(int partitions, double bandwidth) {
        return (long) Math.ceil(4 * overheadMs(partitions, bandwidth) * partitions / exampleMs);
    }
}
