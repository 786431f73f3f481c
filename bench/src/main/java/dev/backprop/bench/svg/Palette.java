package dev.backprop.bench.svg;

/**
 * Series colours: the Okabe–Ito palette, which stays distinguishable for the common kinds of
 * colour blindness, in an order that puts the strongest contrasts first; after seven series the
 * colours repeat with a dash pattern, so no two series look the same.
 */
final class Palette {
    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
    private static final String[] DASHES = {"", "6 3", "2 3", "8 3 2 3"};

    private Palette() {
    }

    static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    static String dash(int i) {
        return DASHES[(i / COLOURS.length) % DASHES.length];
    }
}
