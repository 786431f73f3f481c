package dev.backprop.bench.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * A line chart with labelled axes, ticks, light grid lines and a legend beside the plot; either
 * axis may be logarithmic (throughput over batch sizes spans decades).
 *
 * <pre>{@code
 * String svg = new LineChart("Test accuracy per epoch", "epoch", "test accuracy (%)")
 *         .series("ch1-30 ref", new double[] {1, 2, 3}, new double[] {88.1, 90.2, 91.0})
 *         .render();
 * }</pre>
 */
public final class LineChart {
    /** One line: its name in the legend, its points (x ascending), and whether it is drawn heavier. */
    public record Series(String name, double[] x, double[] y, boolean emphasis) {
        public Series {
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("series '" + name + "' needs as many x as y values, at least one; got "
                        + x.length + " and " + y.length);
            }
        }
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final int LEFT = 80;
    private static final int TOP = 78;
    private static final int BOTTOM = 64;
    private static final int LEGEND = 250;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private String subtitle = "";
    private boolean logX;
    private boolean logY;
    private boolean integerX;
    private double[] xTicks;

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LineChart subtitle(String text) {
        this.subtitle = text;
        return this;
    }

    public LineChart logX() {
        this.logX = true;
        return this;
    }

    public LineChart logY() {
        this.logY = true;
        return this;
    }

    /** Only whole numbers as x ticks (epochs). */
    public LineChart integerX() {
        this.integerX = true;
        return this;
    }

    /** Ticks exactly at these x values (e.g. the batch sizes measured) instead of computed ones. */
    public LineChart xTicks(double... ticks) {
        this.xTicks = ticks.clone();
        return this;
    }

    public LineChart series(String name, double[] x, double[] y) {
        return series(name, x, y, false);
    }

    /** A series drawn with a heavier line when {@code emphasis}: the subject among references (the Java engines among peers). */
    public LineChart series(String name, double[] x, double[] y, boolean emphasis) {
        series.add(new Series(name, x.clone(), y.clone(), emphasis));
        return this;
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }

    public String render() {
        if (series.isEmpty()) {
            throw new IllegalStateException("chart '" + title + "' has no series");
        }
        double[] xr = range(true);
        double[] yr = range(false);
        List<Double> xt = xTicks != null ? boxed(xTicks) : logX ? Ticks.log(xr[0], xr[1])
                : Ticks.linear(xr[0], xr[1], 8, integerX);
        List<Double> yt = logY ? Ticks.log(yr[0], yr[1]) : Ticks.linear(yr[0], yr[1], 6, false);
        if (!logY) {
            yr = new double[] {yt.get(0), yt.get(yt.size() - 1)};
        }
        if (!logX && xTicks == null) {
            xr = new double[] {xt.get(0), xt.get(xt.size() - 1)};
        }
        Axis x = new Axis(xr[0], xr[1], logX, LEFT, WIDTH - LEGEND);
        Axis y = new Axis(yr[0], yr[1], logY, HEIGHT - BOTTOM, TOP);

        Svg svg = new Svg(WIDTH, HEIGHT);
        svg.text(LEFT, 28, title, "start", 18, true, 0);
        Subtitle.draw(svg, LEFT, 46, subtitle, WIDTH - LEFT - 10);
        for (double t : yt) {
            double py = y.at(t);
            svg.line(LEFT, py, WIDTH - LEGEND, py, "#e3e3e3", 1, null);
            svg.line(LEFT - 5, py, LEFT, py, "#333333", 1, null);
            svg.text(LEFT - 8, py + 4, Ticks.label(t), "end", 12, false, 0);
        }
        for (double t : xt) {
            if (t < xr[0] || t > xr[1]) {
                continue;
            }
            double px = x.at(t);
            svg.line(px, HEIGHT - BOTTOM, px, HEIGHT - BOTTOM + 5, "#333333", 1, null);
            svg.text(px, HEIGHT - BOTTOM + 20, Ticks.label(t), "middle", 12, false, 0);
        }
        svg.line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#333333", 1, null);
        svg.line(LEFT, HEIGHT - BOTTOM, WIDTH - LEGEND, HEIGHT - BOTTOM, "#333333", 1, null);
        svg.text((LEFT + WIDTH - LEGEND) / 2.0, HEIGHT - 18, xLabel + (logX ? " (log scale)" : ""), "middle", 13, false, 0);
        double midY = (TOP + HEIGHT - BOTTOM) / 2.0;
        svg.text(22, midY, yLabel + (logY ? " (log scale)" : ""), "middle", 13, false, -90);

        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double[] px = new double[s.x().length];
            double[] py = new double[s.y().length];
            for (int k = 0; k < px.length; k++) {
                px[k] = x.at(s.x()[k]);
                py[k] = y.at(s.y()[k]);
            }
            String colour = Palette.colour(i);
            double stroke = s.emphasis() ? 3.5 : 2;
            double dot = s.emphasis() ? 4.5 : 3;
            if (px.length > 1) {
                svg.polyline(px, py, colour, stroke, Palette.dash(i));
            }
            for (int k = 0; k < px.length; k++) {
                svg.circle(px[k], py[k], dot, colour);
            }
            double ly = TOP + 8 + 20 * i;
            double lx = WIDTH - LEGEND + 20;
            svg.line(lx, ly, lx + 26, ly, colour, stroke + 0.5, Palette.dash(i));
            svg.circle(lx + 13, ly, dot, colour);
            svg.text(lx + 34, ly + 4, s.name(), "start", 12, s.emphasis(), 0);
        }
        return svg.toString();
    }

    private double[] range(boolean horizontal) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean log = horizontal ? logX : logY;
        for (Series s : series) {
            for (double v : horizontal ? s.x() : s.y()) {
                if (!Double.isFinite(v) || (log && v <= 0)) {
                    throw new IllegalArgumentException("series '" + s.name() + "' has " + v + " on a "
                            + (log ? "log " : "") + "axis of '" + title + "'");
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (horizontal && xTicks != null) {
            for (double t : xTicks) {
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        if (log) {
            return Ticks.logRange(min, max);
        }
        if (max == min) {
            double pad = max == 0 ? 1 : Math.abs(max) * 0.1;
            return new double[] {min - pad, max + pad};
        }
        if (!horizontal) {
            double pad = (max - min) * 0.05;
            return new double[] {min - pad, max + pad};
        }
        return new double[] {min, max};
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    /** Maps data values to pixels, linearly or by log10. */
    private record Axis(double min, double max, boolean log, double from, double to) {
        double at(double v) {
            double t = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (v - min) / (max - min);
            return from + t * (to - from);
        }
    }
}
