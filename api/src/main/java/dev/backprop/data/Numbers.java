package dev.backprop.data;

/**
 * What counts as a number in a data file: plain decimal notation, {@code [+-]digits[.digits][e[+-]digits]}
 * or {@code .5}. Stricter than {@link Float#parseFloat}, which also takes "NaN", "Infinity",
 * hexadecimal and a trailing 'f' or 'd' ("1d" would silently read as 1.0).
 */
final class Numbers {
    private Numbers() {
    }

    static boolean isDecimal(CharSequence s) {
        int n = s.length();
        int i = afterSign(s, 0);
        int end = afterDigits(s, i);
        int digits = end - i;
        i = end;
        if (i < n && s.charAt(i) == '.') {
            end = afterDigits(s, i + 1);
            digits += end - (i + 1);
            i = end;
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int exponent = afterSign(s, i + 1);
            i = afterDigits(s, exponent);
            if (i == exponent) {
                return false; // an exponent needs a digit
            }
        }
        return i == n;
    }

    /** The index after the optional sign at {@code i}, of the number or of its exponent. */
    private static int afterSign(CharSequence s, int i) {
        return i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
    }

    /** The index after the run of digits from {@code i}: {@code i} itself when there is none. */
    private static int afterDigits(CharSequence s, int i) {
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
