package dev.backprop.bench.svg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * A horizontal bar chart: one labelled bar per entry, its value written at the end of the bar,
 * bars coloured by group (say "Java engine" and "Python peer") with a legend for the groups.
 * Horizontal, so that long names stay readable.
 */
public final class BarChart {
    private record Bar(String label, double value, String group) {
    }

    private static final int WIDTH = 900;
    private static final int TOP = 84;
    private static final int BAR = 22;
    private static final int GAP = 8;
    private static final int RIGHT = 110;

    private final String title;
    private final String valueLabel;
    private final List<Bar> bars = new ArrayList<>();
    private String subtitle = "";
    private DoubleFunction<String> format = Ticks::label;

    public BarChart(String title, String valueLabel) {
        this.title = title;
        this.valueLabel = valueLabel;
    }

    public BarChart subtitle(String text) {
        this.subtitle = text;
        return this;
    }

    /** How the value at the end of each bar is written, e.g. {@code v -> String.format("%.2f s", v)}. */
    public BarChart format(DoubleFunction<String> format) {
        this.format = format;
        return this;
    }

    public BarChart bar(String label, double value, String group) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("bar '" + label + "' of '" + title + "' needs a finite value ≥ 0, got " + value);
        }
        bars.add(new Bar(label, value, group));
        return this;
    }

    public boolean isEmpty() {
        return bars.isEmpty();
    }

    public String render() {
        if (bars.isEmpty()) {
            throw new IllegalStateException("chart '" + title + "' has no bars");
        }
        int longest = 0;
        double max = 0;
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (Bar b : bars) {
            longest = Math.max(longest, b.label().length());
            max = Math.max(max, b.value());
            groups.putIfAbsent(b.group(), groups.size());
        }
        int left = 20 + 7 * longest;
        int plotBottom = TOP + bars.size() * (BAR + GAP);
        int height = plotBottom + (groups.size() > 1 ? 80 : 60);
        List<Double> ticks = Ticks.linear(0, max == 0 ? 1 : max, 6, false);
        double top = Math.max(max, ticks.get(ticks.size() - 1));
        double scale = (WIDTH - RIGHT - left) / (top == 0 ? 1 : top);

        Svg svg = new Svg(WIDTH, height);
        svg.text(20, 28, title, "start", 18, true, 0);
        Subtitle.draw(svg, 20, 46, subtitle, WIDTH - 30);
        for (double t : ticks) {
            double px = left + t * scale;
            svg.line(px, TOP - 6, px, plotBottom, "#e3e3e3", 1, null);
            svg.text(px, plotBottom + 18, Ticks.label(t), "middle", 12, false, 0);
        }
        svg.line(left, TOP - 6, left, plotBottom, "#333333", 1, null);
        svg.line(left, plotBottom, WIDTH - RIGHT, plotBottom, "#333333", 1, null);
        svg.text((left + WIDTH - RIGHT) / 2.0, plotBottom + 42, valueLabel, "middle", 13, false, 0);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = TOP + i * (BAR + GAP);
            String colour = Palette.colour(groups.get(b.group()));
            svg.rect(left, y, Math.max(1, b.value() * scale), BAR, colour);
            svg.text(left - 8, y + BAR / 2.0 + 4, b.label(), "end", 12, false, 0);
            svg.text(left + b.value() * scale + 6, y + BAR / 2.0 + 4, format.apply(b.value()), "start", 12, false, 0);
        }
        if (groups.size() > 1) {
            double x = left;
            double y = plotBottom + 56;
            for (Map.Entry<String, Integer> g : groups.entrySet()) {
                svg.rect(x, y, 12, 12, Palette.colour(g.getValue()));
                svg.text(x + 18, y + 10, g.getKey(), "start", 12, false, 0);
                x += 40 + 7 * g.getKey().length();
            }
        }
        return svg.toString();
    }
}
