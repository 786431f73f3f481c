package dev.backprop.tck;

import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;
import dev.backprop.spi.Matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a rule works with: the provider under test, helpers to move arrays in and out of its
 * engines, the comparison that records the largest share of the tolerance used, and the case the
 * rule is at, so that a failure, or an exception the engine throws, names it.
 */
final class Context implements AutoCloseable {
    private final EngineProvider provider;
    private final Rule rule;
    private final List<Engine> opened = new ArrayList<>();
    private double maxAbsoluteError;
    private double maxToleranceUsed;
    private String largestShareAt = "";
    private String where = "before the first case";
    private String caseHint;
    private String nonFiniteHint;

    Context(EngineProvider provider, Rule rule) {
        this.provider = provider;
        this.rule = rule;
    }

    EngineProvider provider() {
        return provider;
    }

    /** Opens an engine that is closed when the rule ends. */
    Engine open() {
        Engine engine = provider.open();
        opened.add(engine);
        return engine;
    }

    /**
     * Records the case the rule is at (operation, functions, shapes, batch), so an exception the
     * engine throws from here on is reported with it; returns it for the comparisons.
     */
    String at(String where) {
        return at(where, null);
    }

    /**
     * As {@link #at(String)}, with what to check when this case fails, where the rule knows better
     * than its general hint; null keeps the rule's hint.
     */
    String at(String where, String hint) {
        return at(where, hint, null);
    }

    /**
     * As {@link #at(String, String)}, with another hint for a comparison that fails because the
     * engine gave NaN or ∞ where the oracle's value is finite; null keeps the case's hint.
     */
    String at(String where, String hint, String nonFiniteHint) {
        this.where = where;
        this.caseHint = hint;
        this.nonFiniteHint = nonFiniteHint;
        return where;
    }

    /** The case the rule was at last. */
    String where() {
        return where;
    }

    /** What to check: the current case's hint if it has one, else the rule's. */
    String hint() {
        return caseHint != null ? caseHint : rule.hint();
    }

    /** A matrix of {@code engine} holding {@code values}. */
    static Matrix put(Engine engine, float[] values, int rows, int cols) {
        Matrix m = engine.allocate(rows, cols);
        engine.write(m, values);
        return m;
    }

    /** A matrix of {@code engine} filled with NaN, so an element the engine forgets to write shows. */
    static Matrix garbage(Engine engine, int rows, int cols) {
        float[] nan = new float[rows * cols];
        Arrays.fill(nan, Float.NaN);
        return put(engine, nan, rows, cols);
    }

    static float[] get(Engine engine, Matrix m) {
        float[] values = new float[m.size()];
        engine.read(m, values);
        return values;
    }

    /**
     * Compares an engine's output with the oracle, element by element.
     *
     * @param array the output's name in the SPI ("z", "delta", "gradW" …)
     * @param cols the output's width, to name row and column
     * @param where the case: layer, shapes, functions
     */
    void compare(String array, Expected expected, float[] actual, int cols, String where) {
        compare(array, expected, Expected.widen(actual), cols, where);
    }

    /** As {@link #compare(String, Expected, float[], int, String)}, for double results (the cost). */
    void compare(String array, Expected expected, double[] actual, int cols, String where) {
        if (actual.length != expected.size()) {
            throw fail(array + " has " + actual.length + " elements, expected " + expected.size(), where);
        }
        Expected.Comparison c = expected.compare(actual);
        maxAbsoluteError = Math.max(maxAbsoluteError, c.maxError());
        if (c.maxShare() > maxToleranceUsed) {
            maxToleranceUsed = c.maxShare();
            int i = c.maxShareIndex();
            largestShareAt = where + ": " + array + "[" + i + "] (row " + i / cols + ", col " + i % cols + ")";
        }
        if (c.firstViolation() >= 0) {
            double value = actual[c.firstViolation()];
            String what = expected.violation(array, c.firstViolation(), value, cols);
            if (!Double.isFinite(value)) {
                what += " (the engine gave " + value + " where the oracle's value is finite)";
                if (nonFiniteHint != null) {
                    throw fail(what, where, nonFiniteHint);
                }
            }
            throw fail(what, where);
        }
    }

    /** Two runs that must give the same bits. */
    void compareBits(String array, float[] first, float[] second, String where) {
        compareBits(array, first, second, where, "the first run gave", "the second run");
    }

    /** Two arrays that must hold the same bits, e.g. an input before and after a call. */
    void compareBits(String array, float[] first, float[] second, String where, String firstLabel, String secondLabel) {
        int i = firstDifference(first, second);
        if (i >= 0) {
            throw fail(String.format("%s[%d]: %s %s, %s %s", array, i, firstLabel, first[i], secondLabel, second[i]), where);
        }
    }

    /** The first index where the two arrays hold different bits, −1 if none. */
    static int firstDifference(float[] first, float[] second) {
        for (int i = 0; i < first.length; i++) {
            if (Float.floatToRawIntBits(first[i]) != Float.floatToRawIntBits(second[i])) {
                return i;
            }
        }
        return -1;
    }

    /** A failure message naming the engine, the rule, the equation, the case and what to check. */
    ConformanceFailure fail(String what, String where) {
        return fail(what, where, hint());
    }

    /** As {@link #fail(String, String)} with a hint that only this failure can give. */
    ConformanceFailure fail(String what, String where, String hint) {
        return new ConformanceFailure(prefix() + ", " + where + ": " + what + ". If this fails, check " + hint);
    }

    /** "engine NAME, rule ID (EQUATION)". */
    String prefix() {
        return "engine " + provider.name() + ", rule " + rule.id() + " (" + rule.equation() + ")";
    }

    double maxAbsoluteError() {
        return maxAbsoluteError;
    }

    double maxToleranceUsed() {
        return maxToleranceUsed;
    }

    String largestShareAt() {
        return largestShareAt;
    }

    @Override
    public void close() {
        for (Engine engine : opened) {
            try {
                engine.close();
            } catch (RuntimeException ignored) {
                // A rule may have closed it already, or be testing close itself.
            }
        }
        opened.clear();
    }
}
