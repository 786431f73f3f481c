package dev.backprop.tck;

import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;
import dev.backprop.spi.Matrix;

import java.util.ArrayList;
import java.util.List;

/**
 * What a rule works with: the provider under test, helpers to move arrays in and out of its
 * engines, and the comparison that records the largest error seen.
 */
public final class Context implements AutoCloseable {
    private final EngineProvider provider;
    private final String ruleId;
    private final String equation;
    private final String hint;
    private final List<Engine> opened = new ArrayList<>();
    private double maxAbsoluteError;
    private double maxToleranceUsed;

    Context(EngineProvider provider, Rule rule) {
        this.provider = provider;
        this.ruleId = rule.id();
        this.equation = rule.equation();
        this.hint = rule.hint();
    }

    public EngineProvider provider() {
        return provider;
    }

    /** Opens an engine that is closed when the rule ends. */
    public Engine open() {
        Engine engine = provider.open();
        opened.add(engine);
        return engine;
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
        java.util.Arrays.fill(nan, Float.NaN);
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
        double[] widened = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            widened[i] = actual[i];
        }
        compare(array, expected, widened, cols, where);
    }

    /** As {@link #compare(String, Expected, float[], int, String)}, for double results (the cost). */
    void compare(String array, Expected expected, double[] actual, int cols, String where) {
        if (actual.length != expected.size()) {
            throw fail(array + " has " + actual.length + " elements, expected " + expected.size(), where);
        }
        for (int i = 0; i < actual.length; i++) {
            double want = expected.value()[i];
            double tolerance = expected.tolerance()[i];
            double error = Math.abs(actual[i] - want);
            if (!(error <= tolerance)) { // also catches NaN
                throw fail(String.format("%s[%d] (row %d, col %d): expected %.9g, actual %.9g, |error| %.3g > tolerance %.3g",
                        array, i, i / cols, i % cols, want, actual[i], error, tolerance), where);
            }
            maxAbsoluteError = Math.max(maxAbsoluteError, error);
            if (tolerance > 0) {
                maxToleranceUsed = Math.max(maxToleranceUsed, error / tolerance);
            }
        }
    }

    /** Two runs that must give the same bits. */
    void compareBits(String array, float[] first, float[] second, String where) {
        compareBits(array, first, second, where, "the first run gave", "the second run");
    }

    /** Two arrays that must hold the same bits, e.g. an input before and after a call. */
    void compareBits(String array, float[] first, float[] second, String where, String firstLabel, String secondLabel) {
        for (int i = 0; i < first.length; i++) {
            if (Float.floatToRawIntBits(first[i]) != Float.floatToRawIntBits(second[i])) {
                throw fail(String.format("%s[%d]: %s %s, %s %s", array, i, firstLabel, first[i], secondLabel, second[i]),
                        where);
            }
        }
    }

    /** A failure message naming the engine, the rule, the equation and what to check. */
    ConformanceFailure fail(String what, String where) {
        return new ConformanceFailure("engine " + provider.name() + ", rule " + ruleId + " (" + equation + "), " + where
                + ": " + what + ". If this fails, check " + hint);
    }

    double maxAbsoluteError() {
        return maxAbsoluteError;
    }

    double maxToleranceUsed() {
        return maxToleranceUsed;
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
