package dev.backprop.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the epochs of one experiment on one engine (all seeds) add up to: the best and the last
 * test accuracy (means over seeds, with their range), and the median seconds per epoch. The
 * median, not the mean, because the first epoch includes JIT compilation and a shared machine
 * adds outliers.
 */
public record RunSummary(String experiment, String engine, int seeds, int epochs, double bestMean, double bestMin,
                         double bestMax, int bestEpoch, double finalMean, double finalMin, double finalMax,
                         double medianSeconds) {

    /** Groups rows by experiment and engine, in the order they first appear. */
    public static List<RunSummary> of(List<EpochRow> rows) {
        Map<String, List<EpochRow>> groups = new LinkedHashMap<>();
        for (EpochRow r : rows) {
            groups.computeIfAbsent(r.experiment() + "\u0000" + r.engine(), k -> new ArrayList<>()).add(r);
        }
        List<RunSummary> summaries = new ArrayList<>();
        for (List<EpochRow> group : groups.values()) {
            summaries.add(summarise(group));
        }
        return summaries;
    }

    private static RunSummary summarise(List<EpochRow> group) {
        Map<Long, List<EpochRow>> bySeed = new LinkedHashMap<>();
        for (EpochRow r : group) {
            bySeed.computeIfAbsent(r.seed(), k -> new ArrayList<>()).add(r);
        }
        double[] best = new double[bySeed.size()];
        double[] last = new double[bySeed.size()];
        int bestEpoch = 0;
        int epochs = 0;
        int i = 0;
        for (List<EpochRow> runs : bySeed.values()) {
            EpochRow top = runs.get(0);
            EpochRow end = runs.get(0);
            for (EpochRow r : runs) {
                top = r.accuracy() > top.accuracy() ? r : top;
                end = r.epoch() > end.epoch() ? r : end;
            }
            best[i] = top.accuracy();
            last[i] = end.accuracy();
            bestEpoch = top.epoch();
            epochs = Math.max(epochs, end.epoch());
            i++;
        }
        double[] seconds = group.stream().mapToDouble(EpochRow::seconds).sorted().toArray();
        double median = Quantile.of(seconds, 0.5);
        EpochRow first = group.get(0);
        return new RunSummary(first.experiment(), first.engine(), best.length, epochs, mean(best),
                Arrays.stream(best).min().orElse(0), Arrays.stream(best).max().orElse(0),
                best.length == 1 ? bestEpoch : -1, mean(last), Arrays.stream(last).min().orElse(0),
                Arrays.stream(last).max().orElse(0), median);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** "91.95 % (epoch 28)" for one seed, "91.95 % (91.2–92.4)" for several. */
    public String best() {
        return seeds == 1 ? String.format("%.2f %% (epoch %d)", 100 * bestMean, bestEpoch)
                : String.format("%.2f %% (%.2f–%.2f)", 100 * bestMean, 100 * bestMin, 100 * bestMax);
    }

    public String last() {
        return seeds == 1 ? String.format("%.2f %%", 100 * finalMean)
                : String.format("%.2f %% (%.2f–%.2f)", 100 * finalMean, 100 * finalMin, 100 * finalMax);
    }
}
