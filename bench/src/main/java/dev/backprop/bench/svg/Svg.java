package dev.backprop.bench.svg;

import java.util.Locale;

/**
 * A small SVG 1.1 writer: the handful of elements the charts need, every text escaped, every
 * number written with a dot and at most two decimals, so the output is well-formed XML that any
 * browser (and GitHub's Markdown view) shows.
 */
public final class Svg {
    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    public Svg(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, String dash) {
        body.append("  <line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(strokeWidth)).append('"').append(dash(dash)).append("/>\n");
        return this;
    }

    public Svg polyline(double[] xs, double[] ys, String stroke, double strokeWidth, String dash) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            points.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        body.append("  <polyline points=\"").append(points).append("\" fill=\"none\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"").append(n(strokeWidth)).append("\" stroke-linejoin=\"round\"")
                .append(dash(dash)).append("/>\n");
        return this;
    }

    public Svg circle(double cx, double cy, double r, String fill) {
        body.append("  <circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append("\"/>\n");
        return this;
    }

    public Svg rect(double x, double y, double w, double h, String fill) {
        body.append("  <rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append("\"/>\n");
        return this;
    }

    /**
     * @param anchor "start", "middle" or "end"
     * @param rotate degrees around (x, y); 0 for none
     */
    public Svg text(double x, double y, String text, String anchor, double size, boolean bold, double rotate) {
        body.append("  <text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" text-anchor=\"").append(anchor).append('"');
        if (bold) {
            body.append(" font-weight=\"bold\"");
        }
        if (rotate != 0) {
            body.append(" transform=\"rotate(").append(n(rotate)).append(' ').append(n(x)).append(' ').append(n(y))
                    .append(")\"");
        }
        body.append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    /** A tooltip-free comment, e.g. which command made the chart. */
    public Svg comment(String text) {
        body.append("  <!-- ").append(text.replace("--", "- -")).append(" -->\n");
        return this;
    }

    @Override
    public String toString() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
                + "  <rect x=\"0\" y=\"0\" width=\"" + width + "\" height=\"" + height + "\" fill=\"white\"/>\n"
                + body + "</svg>\n";
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                default -> {
                    // XML 1.0 forbids most control characters even when escaped.
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        s.append(c);
                    }
                }
            }
        }
        return s.toString();
    }

    private static String dash(String dash) {
        return dash == null || dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"";
    }

    /** Numbers as SVG wants them: a dot, no exponent, two decimals at most; never NaN. */
    static String n(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite coordinate: " + v);
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }
}
