package dev.backprop.bench.svg;

/**
 * The small line under a chart's title (data, machine, date). SVG 1.1 does not wrap text, so a
 * long one is broken at its " · " separators, or else cut with an ellipsis, to stay inside the
 * picture.
 */
final class Subtitle {
    /** Average width of a 12 px DejaVu Sans character, generous so the text never overflows. */
    private static final double CHAR = 6.6;

    private Subtitle() {
    }

    /** Draws at most two lines starting at (x, y); returns nothing, the layout reserves the room. */
    static void draw(Svg svg, double x, double y, String text, double width) {
        if (text.isEmpty()) {
            return;
        }
        int fits = (int) (width / CHAR);
        if (text.length() <= fits) {
            svg.text(x, y, text, "start", 12, false, 0);
            return;
        }
        int cut = text.lastIndexOf(" · ", fits);
        String first = cut > 0 ? text.substring(0, cut) : text.substring(0, fits);
        String rest = cut > 0 ? text.substring(cut + 3) : text.substring(fits);
        svg.text(x, y, first, "start", 12, false, 0);
        svg.text(x, y + 14, rest.length() <= fits ? rest : rest.substring(0, fits - 1) + "…", "start", 12, false, 0);
    }
}
