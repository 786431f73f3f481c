package dev.backprop.tck;

/**
 * What the oracle says an output must be: a value and a tolerance for every element, both in
 * double, row-major like the engine's matrix.
 */
record Expected(double[] value, double[] tolerance) {
    Expected {
        if (value.length != tolerance.length) {
            throw new IllegalArgumentException(value.length + " values but " + tolerance.length + " tolerances");
        }
    }

    static Expected zeros(int size) {
        return new Expected(new double[size], new double[size]);
    }

    int size() {
        return value.length;
    }

    /** Multiplies every tolerance by {@code factor} (first-order chains, see {@link Tolerance}). */
    Expected widened(double factor) {
        double[] t = tolerance.clone();
        for (int i = 0; i < t.length; i++) {
            t[i] *= factor;
        }
        return new Expected(value, t);
    }
}
