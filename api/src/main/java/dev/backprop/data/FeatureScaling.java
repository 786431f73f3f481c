package dev.backprop.data;

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

        /** The name stored in model files: "none", "standardize", "min-max". */
        public String id() {
            return id;
        }

        /** The kind whose {@link #id()} is {@code id}. */
        public static Kind of(String id) {
            for (Kind kind : values()) {
                if (kind.id.equals(id)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown scaling '" + id + "'; expected none, standardize or min-max");
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

    /** Leaves {@code width} columns as they are. */
    public static FeatureScaling none(int width) {
        float[] ones = new float[width];
        Arrays.fill(ones, 1f);
        return new FeatureScaling(Kind.NONE, new float[width], ones);
    }

    /**
     * Wraps stored statistics (copied), as a model file or an ONNX graph holds them.
     *
     * @throws IllegalArgumentException when the lengths differ, a value is not finite, or a divisor is 0
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

    /** Fits {@code kind} to the features of {@code training}: the training split only. */
    public static FeatureScaling fit(Kind kind, TabularData training) {
        float[][] columns = new float[training.inputWidth()][];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = training.column(j);
        }
        return fit(kind, columns);
    }

    /** Fits {@code kind} to the regression targets of {@code training}. */
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

    public Kind kind() {
        return kind;
    }

    /** The number of columns. */
    public int width() {
        return centers.length;
    }

    /** A copy of the centres c. */
    public float[] centers() {
        return centers.clone();
    }

    /** A copy of the divisors s. */
    public float[] divisors() {
        return divisors.clone();
    }

    /** (x − c) / s for one row, as a new array. */
    public float[] apply(float[] row) {
        checkWidth(row.length);
        float[] scaled = new float[row.length];
        for (int j = 0; j < row.length; j++) {
            scaled[j] = (row[j] - centers[j]) / divisors[j];
        }
        return scaled;
    }

    /** y′ · s + c for one row: the inverse, turning a network's output back into target units. */
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
