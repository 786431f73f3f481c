package dev.backprop.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One array of an .npy file: its numpy dtype, its shape and its values in C (row-major) order.
 *
 * <p>The dtypes of model files, and the two numpy makes by default, which the reader accepts so
 * that a model made or edited in numpy loads:
 * <ul>
 *   <li>{@code '<f4'} — float32, {@code data} is a {@code float[]};
 *   <li>{@code '<f8'} — float64, {@code data} is a {@code double[]};
 *   <li>{@code '<i4'} — int32, {@code data} is an {@code int[]};
 *   <li>{@code '<i8'} — int64, {@code data} is a {@code long[]};
 *   <li>{@code '<U}<i>n</i>{@code '} — unicode strings of at most <i>n</i> code points,
 *       {@code data} is a {@code String[]}.
 * </ul>
 * Shapes have rank 0 ({@code ()}, one value), 1 or 2.
 *
 * <pre>{@code
 * NpyArray w = NpyArray.of(weights, 30, 784);            // '<f4', shape (30, 784)
 * NpyArray ids = NpyArray.of(new String[] {"sigmoid", "sigmoid"}, 2);   // '<U7', shape (2,)
 * NpyArray version = NpyArray.scalar(1);                 // '<i4', shape ()
 * float[] values = w.floats();
 * }</pre>
 *
 * <p>The data array is not copied: the record wraps the caller's array, which keeps saving a large
 * weight matrix free of a copy. {@link #equals} compares values, not references.
 *
 * @param dtype numpy's type string ({@code descr} in the .npy header)
 * @param shape the dimensions, outermost first; empty for a 0-d array
 * @param data  a {@code float[]}, {@code int[]} or {@code String[]} matching {@code dtype}
 */
record NpyArray(String dtype, int[] shape, Object data) {
    /** Float32, little-endian. */
    static final String FLOAT32 = "<f4";
    /** Float64, little-endian: numpy's default for floats. */
    static final String FLOAT64 = "<f8";
    /** Int32, little-endian. */
    static final String INT32 = "<i4";
    /** Int64, little-endian: numpy's default for integers on 64-bit Linux and macOS. */
    static final String INT64 = "<i8";
    /** The prefix of little-endian UTF-32 strings: {@code '<U7'} holds up to 7 code points. */
    static final String UNICODE_PREFIX = "<U";

    /**
     * Wraps {@code data} (not copied) after checking it against {@code dtype} and {@code shape}.
     *
     * @throws IllegalArgumentException when the dtype is not one of those above, the data's type
     *                                  does not match it, or its length does not match the shape
     */
    NpyArray {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        if (shape.length > 2) {
            throw new IllegalArgumentException("rank " + shape.length + " arrays are not supported, expected rank 0, 1 or 2; got shape "
                    + shapeString(shape));
        }
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shapeString(shape));
            }
            count *= d;
        }
        int length = length(dtype, data);
        if (length != count) {
            throw new IllegalArgumentException("shape " + shapeString(shape) + " holds " + count + " values, got "
                    + length);
        }
        if (data instanceof String[] strings) {
            checkStrings(strings, unicodeLength(dtype));
        }
    }

    /** A float32 array; {@code data} is wrapped, not copied. */
    static NpyArray of(float[] data, int... shape) {
        return new NpyArray(FLOAT32, shape, data);
    }

    /** An int32 array; {@code data} is wrapped, not copied. */
    static NpyArray of(int[] data, int... shape) {
        return new NpyArray(INT32, shape, data);
    }

    /** A float64 array (a checkpoint's counters and generator states); {@code data} is wrapped, not copied. */
    static NpyArray of(double[] data, int... shape) {
        return new NpyArray(FLOAT64, shape, data);
    }

    /** An int64 array (a checkpoint's step counts and generator seeds); {@code data} is wrapped, not copied. */
    static NpyArray of(long[] data, int... shape) {
        return new NpyArray(INT64, shape, data);
    }

    /**
     * A unicode array whose dtype {@code '<U}<i>n</i>{@code '} is as wide as the longest string
     * (at least 1, as numpy makes it).
     */
    static NpyArray of(String[] data, int... shape) {
        int width = 1;
        for (String s : data) {
            width = Math.max(width, Objects.requireNonNull(s, "string").codePointCount(0, s.length()));
        }
        return new NpyArray(UNICODE_PREFIX + width, shape, data);
    }

    /** A 0-d int32 array. */
    static NpyArray scalar(int value) {
        return of(new int[] {value});
    }

    /** A 0-d unicode array. */
    static NpyArray scalar(String value) {
        return of(new String[] {value});
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The rank: 0, 1 or 2. */
    int rank() {
        return shape.length;
    }

    /** The number of values: the product of the shape (1 for a 0-d array). */
    int size() {
        return length(dtype, data);
    }

    /** The values of a {@code '<f4'} array (the live array). */
    float[] floats() {
        return as(float[].class, FLOAT32);
    }

    /** The values of a {@code '<i4'} array (the live array). */
    int[] ints() {
        return as(int[].class, INT32);
    }

    /** The values of a {@code '<U…'} array (the live array). */
    String[] strings() {
        return as(String[].class, UNICODE_PREFIX + "n");
    }

    /** The shape as numpy prints it: {@code ()}, {@code (3,)}, {@code (30, 784)}. */
    String shapeString() {
        return shapeString(shape);
    }

    /** The values of a {@code '<f8'} array (the live array). */
    double[] doubles() {
        return as(double[].class, FLOAT64);
    }

    /** The values of a {@code '<i8'} array (the live array). */
    long[] longs() {
        return as(long[].class, INT64);
    }

    /**
     * How many bytes one value of {@code dtype} takes in a file.
     *
     * @throws IllegalArgumentException when the dtype is not one of those this class holds
     */
    static int itemSize(String dtype) {
        if (dtype.equals(FLOAT32) || dtype.equals(INT32)) {
            return 4;
        }
        if (dtype.equals(FLOAT64) || dtype.equals(INT64)) {
            return 8;
        }
        if (dtype.startsWith(UNICODE_PREFIX)) {
            return 4 * unicodeLength(dtype);
        }
        throw unsupported(dtype);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NpyArray a && a.dtype.equals(dtype) && Arrays.equals(a.shape, shape)
                && Arrays.deepEquals(new Object[] {a.data}, new Object[] {data});
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {data}));
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + ", shape " + shapeString(shape) + "]";
    }

    static String shapeString(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(')').toString();
    }

    /** The n of {@code '<Un'}. */
    static int unicodeLength(String dtype) {
        String digits = dtype.substring(UNICODE_PREFIX.length());
        // Bounded so that n · 4 bytes per value cannot overflow an int.
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("malformed unicode dtype '" + dtype + "', expected '<U' and a length such as '<U7'");
        }
        int n = Integer.parseInt(digits);
        if (n > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("unicode dtype '" + dtype + "' is too wide");
        }
        return n;
    }

    private static int length(String dtype, Object data) {
        Class<?> expected;
        if (dtype.equals(FLOAT32)) {
            expected = float[].class;
        } else if (dtype.equals(INT32)) {
            expected = int[].class;
        } else if (dtype.equals(FLOAT64)) {
            expected = double[].class;
        } else if (dtype.equals(INT64)) {
            expected = long[].class;
        } else if (dtype.startsWith(UNICODE_PREFIX)) {
            unicodeLength(dtype);
            expected = String[].class;
        } else {
            throw unsupported(dtype);
        }
        if (!expected.isInstance(data)) {
            throw new IllegalArgumentException("dtype '" + dtype + "' needs a " + expected.getSimpleName() + ", got a "
                    + data.getClass().getSimpleName());
        }
        return java.lang.reflect.Array.getLength(data);
    }

    private static IllegalArgumentException unsupported(String dtype) {
        return new IllegalArgumentException("unsupported dtype '" + dtype + "', expected '<f4', '<i4' or '<U' and a length");
    }

    private static void checkStrings(String[] strings, int width) {
        for (int i = 0; i < strings.length; i++) {
            String s = Objects.requireNonNull(strings[i], "string");
            int codePoints = s.codePointCount(0, s.length());
            if (codePoints > width) {
                throw new IllegalArgumentException("string [" + i + "] has " + codePoints + " code points, more than the "
                        + width + " of '" + UNICODE_PREFIX + width + "'");
            }
            // The format pads with U+0000 and numpy strips trailing U+0000 on reading, so such a
            // string would come back shorter.
            if (s.endsWith("\0")) {
                throw new IllegalArgumentException("string [" + i + "] ends with U+0000, which numpy strips; it would not survive a round trip");
            }
        }
    }

    private <T> T as(Class<T> type, String expectedDtype) {
        if (!type.isInstance(data)) {
            throw new IllegalStateException("array is '" + dtype + "', not '" + expectedDtype + "'");
        }
        return type.cast(data);
    }
}
