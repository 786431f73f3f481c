package dev.backprop.io;

import dev.backprop.EpochReport;
import dev.backprop.TrainingOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.OptionalDouble;

/**
 * Draws learning curves as one SVG: cost, accuracy and η per epoch, one panel each, with the
 * training, validation and evaluation series that were measured, the epochs where η changed and
 * the best epoch and the stop marked. A page of plain SVG 1.1, no script, no external font.
 */
final class CurvePlot {
    private static final int WIDTH = 760;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int PANEL = 190;
    private static final int GAP = 46;
    private static final int TOP = 40;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c"};
    private static final String[] NAMES = {"training", "validation", "evaluation"};

    private final StringBuilder svg = new StringBuilder();
    private final List<EpochReport> reports;
    private final TrainingOutcome outcome;
    private final int lastEpoch;

    private CurvePlot(List<EpochReport> reports, TrainingOutcome outcome) {
        this.reports = reports;
        this.outcome = outcome;
        this.lastEpoch = reports.isEmpty() ? 1 : Math.max(2, reports.get(reports.size() - 1).epoch());
    }

    /** The SVG of {@code reports}, with {@code outcome}'s best epoch and stop marked when it is not null. */
    static String draw(String title, List<EpochReport> reports, TrainingOutcome outcome) {
        return new CurvePlot(reports, outcome).page(title);
    }

    private String page(String title) {
        List<Panel> panels = new ArrayList<>();
        panels.add(new Panel("cost", List.of(EpochReport::trainingCost, EpochReport::validationCost,
                EpochReport::evaluationCost), false));
        panels.add(new Panel("accuracy (%)", List.of(EpochReport::trainingAccuracy, EpochReport::validationAccuracy,
                EpochReport::evaluationAccuracy), true));
        panels.add(new Panel("learning rate η", List.of(r -> Double.isNaN(r.learningRate()) ? OptionalDouble.empty()
                : OptionalDouble.of(r.learningRate())), false));
        panels.removeIf(p -> !p.hasData());
        List<String> lines = wrap(title, 95);
        int top = TOP + 16 * (lines.size() - 1);
        int height = top + panels.size() * (PANEL + GAP) + 20;
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\">\n")
                .append("<style>text{font-family:sans-serif;font-size:12px;fill:#333}</style>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < lines.size(); i++) {
            text(LEFT, 22 + 16 * i, escape(lines.get(i)), i == 0 ? "font-size:14px;font-weight:bold" : "font-size:13px");
        }
        int y = top;
        for (Panel p : panels) {
            p.draw(y);
            y += PANEL + GAP;
        }
        if (panels.isEmpty()) {
            text(LEFT, top + 20, "no epoch measured anything", "");
        }
        return svg.append("</svg>\n").toString();
    }

    /** One panel: its series (training, validation, evaluation, or η alone) against the epoch. */
    private final class Panel {
        final String label;
        final List<Function<EpochReport, OptionalDouble>> series;
        final boolean percent;

        Panel(String label, List<Function<EpochReport, OptionalDouble>> series, boolean percent) {
            this.label = label;
            this.series = series;
            this.percent = percent;
        }

        boolean hasData() {
            return reports.stream().anyMatch(r -> series.stream().anyMatch(s -> s.apply(r).isPresent()));
        }

        void draw(int top) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (EpochReport r : reports) {
                for (Function<EpochReport, OptionalDouble> s : series) {
                    OptionalDouble v = s.apply(r);
                    if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
                        min = Math.min(min, scale(v.getAsDouble()));
                        max = Math.max(max, scale(v.getAsDouble()));
                    }
                }
            }
            if (min == max) {
                min -= 1;
                max += 1;
            }
            double step = niceStep((max - min) / 4);
            double low = Math.floor(min / step) * step;
            double high = Math.ceil(max / step) * step;
            int right = WIDTH - RIGHT;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                    + "stroke=\"#999\"/>%n", LEFT, top, right - LEFT, PANEL));
            text(LEFT, top - 6, label, "font-weight:bold");
            for (double t = low; t <= high + step / 2; t += step) {
                double py = y(t, low, high, top);
                line(LEFT - 4, py, right, py, "#eee", "");
                text(LEFT - 8, py + 4, format(t), "text-anchor:end");
            }
            int every = Math.max(1, (int) niceStep(lastEpoch / 8.0));
            for (int e = every; e <= lastEpoch; e += every) {
                double px = x(e);
                line(px, top + PANEL, px, top + PANEL + 4, "#999", "");
                text(px, top + PANEL + 16, Integer.toString(e), "text-anchor:middle");
            }
            text(right, top + PANEL + 30, "epoch", "text-anchor:end");
            markers(top);
            int legend = top + 14;
            for (int i = 0; i < series.size(); i++) {
                Function<EpochReport, OptionalDouble> s = series.get(i);
                StringBuilder points = new StringBuilder();
                for (EpochReport r : reports) {
                    OptionalDouble v = s.apply(r);
                    if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
                        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(r.epoch()), y(scale(v.getAsDouble()), low,
                                high, top)));
                    }
                }
                if (points.length() == 0) {
                    continue;
                }
                String color = series.size() == 1 ? "#555" : COLORS[i];
                svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.8\" points=\"")
                        .append(points.toString().trim()).append("\"/>\n");
                if (series.size() > 1) {
                    line(right + 12, legend - 4, right + 32, legend - 4, color, "stroke-width:2");
                    text(right + 38, legend, NAMES[i], "");
                    legend += 16;
                }
            }
        }

        double scale(double v) {
            return percent ? 100 * v : v;
        }

        /** The best epoch (dashed, green) and the stop (red), when the run watched a metric or stopped early. */
        void markers(int top) {
            for (int i = 1; i < reports.size(); i++) {
                double before = reports.get(i - 1).learningRate();
                double now = reports.get(i).learningRate();
                if (!Double.isNaN(before) && !Double.isNaN(now) && before != now && label.startsWith("learning")) {
                    double px = x(reports.get(i).epoch());
                    line(px, top, px, top + PANEL, "#bbb", "stroke-dasharray:2,3");
                }
            }
            if (outcome == null) {
                return;
            }
            if (outcome.bestEpoch() > 0) {
                double px = x(outcome.bestEpoch());
                line(px, top, px, top + PANEL, "#2a2", "stroke-dasharray:6,4");
                text(px + 4, top + PANEL - 6, "best: epoch " + outcome.bestEpoch() + (outcome.restoredBest() ? ", kept" : ""),
                        "fill:#2a2");
            }
            if (outcome.reason() != TrainingOutcome.Reason.COMPLETED) {
                double px = x(outcome.epochs());
                line(px, top, px, top + PANEL, "#c22", "");
                text(px - 4, top + 14, outcome.reason() == TrainingOutcome.Reason.EARLY_STOPPING ? "early stop"
                        : "η = η₀/128: stop", "fill:#c22;text-anchor:end");
            }
        }
    }

    /** The title in lines of at most about {@code width} characters, broken after commas. */
    static List<String> wrap(String title, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String part : title.split("(?<=, )")) {
            if (line.length() > 0 && line.length() + part.length() > width) {
                lines.add(line.toString().trim());
                line.setLength(0);
            }
            line.append(part);
        }
        lines.add(line.toString().trim());
        return lines;
    }

    private double x(double epoch) {
        return LEFT + (epoch - 1) / Math.max(1, lastEpoch - 1) * (WIDTH - RIGHT - LEFT);
    }

    private static double y(double v, double low, double high, int top) {
        return top + PANEL - (v - low) / (high - low) * PANEL;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    private static String format(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1000 || a < 0.001 ? String.format(Locale.ROOT, "%.1e", v)
                : String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private void line(double x1, double y1, double x2, double y2, String color, String style) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, color, style.isEmpty() ? "" : " style=\"" + style + "\""));
    }

    private void text(double x, double y, String content, String style) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>%n", x, y,
                style.isEmpty() ? "" : " style=\"" + style + "\"", content));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
