package dev.backprop.bench.report;

/** Quantiles of measured values, for the medians and quartiles the report prints. */
public final class Quantile {
    private Quantile() {
    }

    /**
     * The q-quantile of sorted values, by linear interpolation between the two nearest ranks: for
     * q = 0.5 the middle value, or the mean of the two middle ones.
     */
    public static double of(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values to take a quantile of");
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        double fraction = position - below;
        return sorted[below] * (1 - fraction) + sorted[above] * fraction;
    }
}
