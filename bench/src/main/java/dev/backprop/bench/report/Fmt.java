package dev.backprop.bench.report;

import java.util.Locale;

/** Number formats of the report: three significant digits, k/M suffixes, ratios with ×. */
final class Fmt {
    private Fmt() {
    }

    /** 21934 → "21.9k", 1234567 → "1.23M", 812 → "812". */
    static String rate(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return sig(v / 1e9) + "G";
        }
        if (a >= 1e6) {
            return sig(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return sig(v / 1e3) + "k";
        }
        return sig(v);
    }

    /** Three significant digits: 1.23, 12.3, 123. */
    static String sig(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** "8.0×", "0.31×". */
    static String times(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "–";
        }
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : ratio >= 1 ? "%.1f×" : "%.2f×", ratio);
    }

    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return "–";
        }
        return String.format(Locale.ROOT, fraction >= 0.1 ? "%.0f %%" : "%.1f %%", 100 * fraction);
    }

    /** "± 3 %" from a relative error; empty when JMH could not compute one. */
    static String error(double relative) {
        return Double.isFinite(relative) ? String.format(Locale.ROOT, " ± %.0f %%", 100 * relative) : "";
    }

    /** "[784, 30, 10]" from "784x30x10". */
    static String shape(String shape) {
        return "[" + shape.replace("x", ", ") + "]";
    }
}
