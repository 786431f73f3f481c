package dev.backprop.data;

import dev.backprop.internal.Ids;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-column scaling x′ = (x − c) / s, fitted on the training rows only and kept with the model,
 * so that a saved model takes raw rows: standardising (c the mean, s the population standard
 * deviation, as scikit-learn's {@code StandardScaler}) or min–max (c the minimum, s the range, to
 * [0, 1]). A column that is constant in the training rows gets s = 1, so it maps to 0 instead of
 * dividing by zero.
 *
 * <pre>{@code
 * FeatureScaling scaling = FeatureScaling.fit(FeatureScaling.Kind.STANDARDIZE, training);
 * float[] x = scaling.apply(rawRow);              // what the network was trained on
 * }</pre>
 *
 * <p>Statistics are summed in double and stored as float32; {@link #apply} computes in float32,
 * one subtraction and one division per value, exactly as the ONNX export's Sub and Div nodes do,
 * so backprop and ONNX Runtime see the same bits. Immutable.
 */
public final class FeatureScaling {
    /** How the statistics are chosen. */
    public enum Kind {
        /** c = 0, s = 1: values pass unchanged. */
        NONE("none"),
        /** c = mean, s = population standard deviation. */
        STANDARDIZE("standardize"),
        /** c = minimum, s = maximum − minimum. */
        MIN_MAX("min-max");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /**
         * The name stored in model files and ONNX metadata.
         *
         * @return {@code "none"}, {@code "standardize"} or {@code "min-max"}
         */
        public String id() {
            return id;
        }

        /**
         * The kind a model file names.
         *
         * @param id a stored name, exactly as {@link #id()} gives it (lower case)
         * @return the kind whose {@link #id()} is {@code id}
         * @throws IllegalArgumentException if no kind has that id (null included), naming the
         *     three that exist
         */
        public static Kind of(String id) {
            return Ids.find(values(), Kind::id, kind -> kind.equals(id)).orElseThrow(() -> new IllegalArgumentException(
                    "unknown scaling '" + id + "'; expected " + Ids.list(values(), Kind::id, " or ")));
        }
    }

    private final Kind kind;
    private final float[] centers;
    private final float[] divisors;

    private FeatureScaling(Kind kind, float[] centers, float[] divisors) {
        this.kind = kind;
        this.centers = centers;
        this.divisors = divisors;
    }

    /**
     * The identity on {@code width} columns (c = 0, s = 1): for data already on a good scale, or
     * a network that should see raw values.
     *
     * @param width the number of columns, 0 or more
     * @return a scaling of {@link Kind#NONE} whose {@link #apply} returns a copy of the row
     * @throws NegativeArraySizeException if {@code width} is negative
     */
    public static FeatureScaling none(int width) {
        float[] ones = new float[width];
        Arrays.fill(ones, 1f);
        return new FeatureScaling(Kind.NONE, new float[width], ones);
    }

    /**
     * Wraps stored statistics (copied), as a model file or an ONNX graph holds them.
     *
     * @param kind how the statistics were chosen; recorded, not checked against the values
     * @param centers c, one per column; copied
     * @param divisors s, one per column; copied
     * @return a scaling computing (x − c) / s column by column
     * @throws IllegalArgumentException when the lengths differ, a value is not finite, or a divisor is 0
     * @throws NullPointerException if an argument is null
     */
    public static FeatureScaling of(Kind kind, float[] centers, float[] divisors) {
        Objects.requireNonNull(kind, "kind");
        if (centers.length != divisors.length) {
            throw new IllegalArgumentException("scaling has " + centers.length + " centres but " + divisors.length
                    + " divisors; expected one of each per column");
        }
        for (int i = 0; i < centers.length; i++) {
            if (!Float.isFinite(centers[i]) || !Float.isFinite(divisors[i]) || divisors[i] == 0) {
                throw new IllegalArgumentException("scaling of column " + i + ": centre " + centers[i] + ", divisor "
                        + divisors[i] + "; expected finite values and a divisor other than 0");
            }
        }
        return new FeatureScaling(kind, centers.clone(), divisors.clone());
    }

    /**
     * Fits {@code kind} to the features of {@code training}. Pass the training split only: fitted
     * on every row, the statistics would carry information from the test rows into training.
     *
     * @param kind which statistics c and s to compute per column
     * @param training the rows to take the statistics of, raw (unscaled), at least one unless
     *     {@code kind} is {@link Kind#NONE}
     * @return a scaling as wide as {@code training.inputWidth()}
     * @throws IllegalArgumentException if {@code training} has no rows (and {@code kind} is not
     *     {@code NONE})
     */
    public static FeatureScaling fit(Kind kind, TabularData training) {
        float[][] columns = new float[training.inputWidth()][];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = training.column(j);
        }
        return fit(kind, columns);
    }

    /**
     * Fits {@code kind} to the regression targets of {@code training}, for a network that learns
     * scaled targets; {@link #invert} turns its outputs back into target units.
     *
     * @param kind which statistics c and s to compute per target
     * @param training a {@link TabularData.Kind#REGRESSION} table, the training split only, at
     *     least one row unless {@code kind} is {@link Kind#NONE}
     * @return a scaling as wide as {@code training.targetNames()}
     * @throws IllegalStateException if {@code training} is a classification table
     * @throws IllegalArgumentException if {@code training} has no rows (and {@code kind} is not
     *     {@code NONE})
     */
    public static FeatureScaling fitTargets(Kind kind, TabularData training) {
        float[][] columns = new float[training.targetNames().size()][];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = training.targetColumn(j);
        }
        return fit(kind, columns);
    }

    private static FeatureScaling fit(Kind kind, float[][] columns) {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.NONE) {
            return none(columns.length);
        }
        float[] c = new float[columns.length];
        float[] s = new float[columns.length];
        for (int j = 0; j < columns.length; j++) {
            float[] x = columns[j];
            if (x.length == 0) {
                throw new IllegalArgumentException("cannot fit a scaling to 0 rows");
            }
            double center;
            double spread;
            if (kind == Kind.STANDARDIZE) {
                double sum = 0;
                for (float v : x) {
                    sum += v;
                }
                center = sum / x.length;
                double squares = 0;
                for (float v : x) {
                    squares += (v - center) * (v - center);
                }
                spread = Math.sqrt(squares / x.length);
            } else {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (float v : x) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                center = min;
                spread = max - min;
            }
            c[j] = (float) center;
            s[j] = spread > 0 && (float) spread > 0 ? (float) spread : 1f;
        }
        return new FeatureScaling(kind, c, s);
    }

    /**
     * How the statistics were chosen.
     *
     * @return the kind given when fitted or wrapped
     */
    public Kind kind() {
        return kind;
    }

    /**
     * How many columns this scales.
     *
     * @return the number of columns: the length of every row it takes
     */
    public int width() {
        return centers.length;
    }

    /**
     * The centres, subtracted first.
     *
     * @return a copy of c, one per column
     */
    public float[] centers() {
        return centers.clone();
    }

    /**
     * The divisors, never 0.
     *
     * @return a copy of s, one per column
     */
    public float[] divisors() {
        return divisors.clone();
    }

    /**
     * Scales one row: x′_j = (x_j − c_j) / s_j, in float32.
     *
     * @param row raw values x, exactly {@link #width()} of them; not modified
     * @return a new array of the scaled values x′
     * @throws IllegalArgumentException if the length is not {@link #width()}
     */
    public float[] apply(float[] row) {
        checkWidth(row.length);
        float[] scaled = new float[row.length];
        for (int j = 0; j < row.length; j++) {
            scaled[j] = (row[j] - centers[j]) / divisors[j];
        }
        return scaled;
    }

    /**
     * The inverse of {@link #apply} for one row, y_j = y′_j · s_j + c_j in float32: turns a
     * network's outputs back into target units.
     *
     * @param row scaled values y′ (a network's outputs), exactly {@link #width()} of them; not
     *     modified
     * @return a new array of the values y in the original units
     * @throws IllegalArgumentException if the length is not {@link #width()}
     */
    public float[] invert(float[] row) {
        checkWidth(row.length);
        float[] raw = new float[row.length];
        for (int j = 0; j < row.length; j++) {
            raw[j] = row[j] * divisors[j] + centers[j];
        }
        return raw;
    }

    /** {@link #apply} on {@code rows} rows stored one after another, as a new array. */
    float[] applyToRows(float[] values, int rows) {
        int d = width();
        if ((long) rows * d != values.length) {
            throw new IllegalArgumentException("expected " + rows + " rows × " + d + " columns, got " + values.length
                    + " values");
        }
        float[] scaled = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            int j = i % d;
            scaled[i] = (values[i] - centers[j]) / divisors[j];
        }
        return scaled;
    }

    private void checkWidth(int length) {
        if (length != width()) {
            throw new IllegalArgumentException("the scaling was fitted to " + width() + " columns, got a row of "
                    + length);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureScaling s && s.kind == kind && Arrays.equals(s.centers, centers)
                && Arrays.equals(s.divisors, divisors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(centers), Arrays.hashCode(divisors));
    }

    @Override
    public String toString() {
        return "FeatureScaling[" + kind.id() + ", " + width() + " columns]";
    }
}
