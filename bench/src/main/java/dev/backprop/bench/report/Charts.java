package dev.backprop.bench.report;

import dev.backprop.bench.svg.LineChart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The charts both {@code reproduce} and {@code report} draw from the same rows. */
public final class Charts {
    private Charts() {
    }

    /**
     * Test accuracy per epoch, one line per experiment and engine (the mean over seeds).
     *
     * @param subtitle data set, machine and date, so a copied picture still says what it shows
     */
    public static String accuracy(List<EpochRow> rows, String subtitle) {
        Map<String, TreeMap<Integer, List<Double>>> lines = new LinkedHashMap<>();
        for (EpochRow r : rows) {
            lines.computeIfAbsent(r.experiment() + " · " + r.engine(), k -> new TreeMap<>())
                    .computeIfAbsent(r.epoch(), k -> new ArrayList<>()).add(100 * r.accuracy());
        }
        LineChart chart = new LineChart("Test accuracy per epoch", "epoch", "test accuracy (%)").subtitle(subtitle).integerX();
        for (Map.Entry<String, TreeMap<Integer, List<Double>>> line : lines.entrySet()) {
            double[] x = new double[line.getValue().size()];
            double[] y = new double[x.length];
            int i = 0;
            for (Map.Entry<Integer, List<Double>> e : line.getValue().entrySet()) {
                x[i] = e.getKey();
                y[i] = e.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                i++;
            }
            chart.series(line.getKey(), x, y);
        }
        return chart.render();
    }
}
