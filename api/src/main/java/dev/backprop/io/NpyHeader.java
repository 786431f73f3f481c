package dev.backprop.io;

import java.util.List;
import java.util.Map;

/**
 * A validated .npy header: a supported dtype, C order (or a layout that equals it), rank 0 to 2,
 * and the number of data bytes it declares, computed without overflow.
 *
 * @param dtype      the {@code descr}, one of {@link NpyArray}'s
 * @param shape      the dimensions, outermost first
 * @param dataOffset where the data start: magic, version, length and header
 * @param count      the number of values
 * @param dataBytes  the bytes of data declared, {@link Long#MAX_VALUE} if more than a long counts
 */
record NpyHeader(String dtype, int[] shape, int dataOffset, long count, long dataBytes) {

    static NpyHeader of(Map<String, Object> dict, int dataOffset) throws ModelFormatException {
        for (String key : dict.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw problem("unexpected header key '" + Printable.escape(key)
                        + "'; an .npy header holds exactly 'descr', 'fortran_order' and 'shape'");
            }
        }
        Object descr = required(dict, "descr");
        if (!(descr instanceof String dtype)) {
            throw problem("expected 'descr' to be a dtype string such as '<f4', got " + describe(descr)
                    + " (structured dtypes are not supported)");
        }
        int itemSize;
        try {
            itemSize = NpyArray.itemSize(dtype);
        } catch (IllegalArgumentException e) {
            throw problem("unsupported dtype '" + Printable.escape(dtype) + "'; this reader handles '<f4' (float32), '<f8'"
                    + " (float64), '<i4' (int32), '<i8' (int64) and '<U…' (unicode), little-endian; convert in numpy,"
                    + " e.g. a.astype(np.float32)");
        }
        Object shapeValue = required(dict, "shape");
        if (!(shapeValue instanceof List<?> dims) || dims.size() > 2) {
            throw problem("expected 'shape' to be a tuple of 0 to 2 dimensions, got " + describe(shapeValue));
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw problem("expected 'shape' to hold dimensions from 0 to " + Integer.MAX_VALUE + ", got "
                        + describe(shapeValue));
            }
            shape[i] = (int) (long) d;
        }
        Object fortran = required(dict, "fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw problem("expected 'fortran_order' to be True or False, got " + describe(fortran));
        }
        // Column-major data would be read transposed. A 0-d or 1-d array has one layout, so
        // the flag changes nothing there.
        if ((Boolean) fortran && shape.length == 2) {
            throw problem("fortran_order is True for shape " + NpyArray.shapeString(shape)
                    + "; only C (row-major) order is supported: save np.ascontiguousarray(a)");
        }
        long count = (long) (shape.length > 0 ? shape[0] : 1) * (shape.length > 1 ? shape[1] : 1);
        long dataBytes;
        try {
            dataBytes = Math.multiplyExact(count, itemSize);
        } catch (ArithmeticException e) {
            dataBytes = Long.MAX_VALUE;
        }
        return new NpyHeader(dtype, shape, dataOffset, count, dataBytes);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** "shape (30, 784) of '<f4', 94080 bytes of data". */
    String describe() {
        return "shape " + NpyArray.shapeString(shape) + " of '" + dtype + "', "
                + (dataBytes == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(dataBytes))
                + " bytes of data";
    }

    private static Object required(Map<String, Object> dict, String key) throws ModelFormatException {
        if (!dict.containsKey(key)) {
            throw problem("the header lacks '" + key + "'; it has " + Printable.escape(dict.keySet().toString()));
        }
        return dict.get(key);
    }

    /** A header value as Python would print it, cut at 200 characters. */
    private static String describe(Object value) {
        String text = literal(value);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String literal(Object value) {
        if (value instanceof String s) {
            return "'" + Printable.escape(s) + "'";
        }
        if (value instanceof List<?> list) {
            StringBuilder s = new StringBuilder("(");
            for (int i = 0; i < list.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(literal(list.get(i)));
                if (s.length() > 200) {
                    break;
                }
            }
            return s.append(list.size() == 1 ? ",)" : ")").toString();
        }
        return String.valueOf(value);
    }

    private static ModelFormatException problem(String reason) {
        return new ModelFormatException(null, null, reason);
    }
}
