package dev.backprop.tck;

import java.util.Locale;

/**
 * What the oracle says an output must be: a value and a tolerance for every element, both in
 * double, row-major like the engine's matrix. {@link Oracle} and {@link NetworkOracle} make them;
 * an engine's own tests can hold a result to one directly:
 *
 * <pre>{@code
 * Expected gradW = Oracle.weightGradient(delta, aIn, m, out, in);
 * double share = gradW.assertMatches("gradW", engineResult, in);   // ConformanceFailure if outside
 * }</pre>
 *
 * @param value the oracle's value of each element, computed in double
 * @param tolerance how far a correct float32 engine may be from it, element by element (see
 *     {@link Tolerance}); an element passes when |actual − value| ≤ tolerance
 */
public record Expected(double[] value, double[] tolerance) {
    /**
     * An expectation of {@code value.length} elements. The arrays are kept, not copied.
     *
     * @param value the oracle's value of each element
     * @param tolerance the bound of each element, as long as {@code value}
     * @throws IllegalArgumentException if the two lengths differ
     */
    public Expected {
        if (value.length != tolerance.length) {
            throw new IllegalArgumentException(value.length + " values but " + tolerance.length + " tolerances");
        }
    }

    /**
     * Values known exactly, with no tolerance: an input handed to an oracle that takes an
     * {@code Expected} (the gradient of {@link OptimizerOracle}'s steps).
     *
     * @param values the float32 values
     * @return them, widened, each with tolerance 0
     */
    public static Expected exact(float[] values) {
        return new Expected(widen(values), new double[values.length]);
    }

    static Expected zeros(int size) {
        return new Expected(new double[size], new double[size]);
    }

    /**
     * The number of elements.
     *
     * @return the length of {@link #value()}, rows × cols of the output it describes
     */
    public int size() {
        return value.length;
    }

    /**
     * Checks every element of {@code actual} against its value and tolerance.
     *
     * @param array the output's name, for the message ("z", "delta", "gradW" …)
     * @param actual the engine's output as read back, row-major, {@link #size()} floats
     * @param cols the output's width, so the message names row and column
     * @return the largest share of its tolerance any element used, |actual − value| / tolerance
     * @throws ConformanceFailure at the first element outside its tolerance (NaN included), naming
     *     the array, the flat index, row and column, the expected and actual values and the tolerance
     * @throws IllegalArgumentException if {@code actual} has another number of elements
     */
    public double assertMatches(String array, float[] actual, int cols) {
        double[] widened = widen(actual);
        Comparison c = compare(widened);
        if (c.firstViolation() >= 0) {
            throw new ConformanceFailure(violation(array, c.firstViolation(), widened[c.firstViolation()], cols));
        }
        return c.maxShare();
    }

    /** How {@code actual} compares: the first element outside its tolerance (−1 if none) and the largest errors. */
    Comparison compare(double[] actual) {
        if (actual.length != value.length) {
            throw new IllegalArgumentException(actual.length + " elements, expected " + value.length);
        }
        double maxError = 0;
        double maxShare = 0;
        int maxShareIndex = -1;
        for (int i = 0; i < actual.length; i++) {
            double error = Math.abs(actual[i] - value[i]);
            if (!(error <= tolerance[i])) { // also catches NaN
                return new Comparison(i, maxError, maxShare, maxShareIndex);
            }
            maxError = Math.max(maxError, error);
            if (tolerance[i] > 0 && error / tolerance[i] > maxShare) {
                maxShare = error / tolerance[i];
                maxShareIndex = i;
            }
        }
        return new Comparison(-1, maxError, maxShare, maxShareIndex);
    }

    /** "gradW[12] (row 1, col 2): expected …, actual …, |error| … > tolerance …". */
    String violation(String array, int i, double actual, int cols) {
        double error = Math.abs(actual - value[i]);
        return String.format(Locale.ROOT, "%s[%d] (row %d, col %d): expected %.9g, actual %.9g, |error| %.3g > tolerance %.3g",
                array, i, i / cols, i % cols, value[i], actual, error, tolerance[i]);
    }

    static double[] widen(float[] values) {
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return widened;
    }

    /** The outcome of {@link #compare}: indices are −1 where there is none. */
    record Comparison(int firstViolation, double maxError, double maxShare, int maxShareIndex) {
    }
}
