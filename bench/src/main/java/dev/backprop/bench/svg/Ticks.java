package dev.backprop.bench.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where an axis puts its ticks, and how it writes their labels. */
final class Ticks {
    private Ticks() {
    }

    /**
     * About {@code count} "nice" ticks (1, 2 or 5 × 10^k apart), the first at or below {@code min}
     * and the last at or above {@code max}, so the axis can end on a labelled tick.
     *
     * @param integer whether only whole numbers may be ticks (epochs)
     */
    static List<Double> linear(double min, double max, int count, boolean integer) {
        double step = niceStep((max - min) / Math.max(1, count));
        if (integer) {
            step = Math.max(1, Math.round(step));
        }
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.floor(min / step + 1e-9);
        long last = (long) Math.ceil(max / step - 1e-9);
        for (long k = first; k <= last; k++) {
            ticks.add(k * step);
        }
        return ticks;
    }

    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    /** The powers of ten in [min, max] (positive), plus 2× and 5× between them when there are few. */
    static List<Double> log(double min, double max) {
        List<Double> ticks = new ArrayList<>();
        int lo = (int) Math.floor(Math.log10(min));
        int hi = (int) Math.ceil(Math.log10(max));
        boolean dense = hi - lo <= 2;
        for (int e = lo; e <= hi; e++) {
            for (double m : dense ? new double[] {1, 2, 5} : new double[] {1}) {
                double t = m * Math.pow(10, e);
                if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9)) {
                    ticks.add(t);
                }
            }
        }
        return ticks;
    }

    /** Lower and upper ends of a log axis: the decades around the data. */
    static double[] logRange(double min, double max) {
        return new double[] {Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max)))};
    }

    /** 1500 → "1.5k", 2000000 → "2M", 0.25 → "0.25", 95 → "95". */
    static String label(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return trim(v / 1e9) + "G";
        }
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e4) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }
}
