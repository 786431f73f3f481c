package dev.backprop.tck;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.function.Supplier;

/**
 * One call of one SPI operation with concrete inputs: what goes in, what comes out, and what the
 * oracle expects. The equation rules compare the outputs; the contract rules (determinism,
 * untouched inputs, overwritten outputs, bad arguments) reuse the same cases.
 *
 * @param equation "Eq. 25", "BP1", … for messages
 * @param label the case: operation, shapes and functions
 * @param inputNames the SPI's argument names of the inputs, e.g. {"w", "b", "aIn"}
 * @param outputNames the SPI's argument names of the outputs; empty for the cost
 * @param initialOutputs for an in-place operation (the update), what its outputs hold before the
 *     call; null for operations that must overwrite their outputs whatever they held
 * @param expected the oracle's outputs, or for the cost a one-element result; outputs beyond
 *     its length are scratch the operation may leave in any state (not compared with an oracle)
 */
record Case(String equation, String label, String[] inputNames, float[][] inputs, int[][] inputShapes,
            String[] outputNames, int[][] outputShapes, float[][] initialOutputs, Call call,
            Supplier<Expected[]> expected) {

    /** The oracle runs once per case, however many rules and runs compare with it. */
    Case {
        expected = once(expected);
    }

    private static Supplier<Expected[]> once(Supplier<Expected[]> oracle) {
        return new Supplier<>() {
            private Expected[] value;

            @Override
            public synchronized Expected[] get() {
                if (value == null) {
                    value = oracle.get();
                }
                return value;
            }
        };
    }

    /** Calls the operation; returns the cost for {@code cost}, NaN for the others. */
    @FunctionalInterface
    interface Call {
        double call(Engine engine, Matrix[] inputs, Matrix[] outputs);
    }

    /** Whether the operation returns a number (the cost) instead of writing outputs. */
    boolean scalar() {
        return outputNames.length == 0;
    }

    /** The engine's results: one array per output, or the cost as a one-element array. */
    record Run(Matrix[] inputs, Matrix[] outputs, float[][] results) {
    }

    /** Whether the operation updates its output in place instead of overwriting it. */
    boolean inPlace() {
        return initialOutputs != null;
    }

    /**
     * Writes the inputs, fills the outputs with {@code fill} (or their initial values, in place),
     * calls the operation and reads the outputs.
     */
    Run run(Engine engine, float fill) {
        Matrix[][] matrices = allocate(engine);
        return runIn(engine, matrices[0], matrices[1], fill);
    }

    /** Matrices of this case's shapes, unwritten: {inputs, outputs}. */
    Matrix[][] allocate(Engine engine) {
        Matrix[] in = new Matrix[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            in[i] = engine.allocate(inputShapes[i][0], inputShapes[i][1]);
        }
        Matrix[] out = new Matrix[outputShapes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = engine.allocate(outputShapes[i][0], outputShapes[i][1]);
        }
        return new Matrix[][] {in, out};
    }

    /**
     * As {@link #run}, in matrices the caller allocated (of this case's shapes), so that the same
     * matrices can be written again and again.
     */
    Run runIn(Engine engine, Matrix[] in, Matrix[] out, float fill) {
        for (int i = 0; i < inputs.length; i++) {
            engine.write(in[i], inputs[i]);
        }
        for (int i = 0; i < out.length; i++) {
            float[] filled;
            if (initialOutputs != null) {
                filled = initialOutputs[i].clone();
            } else {
                filled = new float[outputShapes[i][0] * outputShapes[i][1]];
                java.util.Arrays.fill(filled, fill);
            }
            engine.write(out[i], filled);
        }
        double value = call.call(engine, in, out);
        if (scalar()) {
            return new Run(in, out, new float[][] {doubleBits(value)});
        }
        float[][] results = new float[out.length][];
        for (int i = 0; i < out.length; i++) {
            results[i] = Context.get(engine, out[i]);
        }
        return new Run(in, out, results);
    }

    /** Compares every output of a run (or the cost) with the oracle. */
    void compare(Context ctx, Run run, String where) {
        Expected[] expected = expected().get();
        if (scalar()) {
            ctx.compare("C", expected[0], new double[] {fromBits(run.results()[0])}, 1, where);
            return;
        }
        for (int i = 0; i < expected.length; i++) {
            ctx.compare(outputNames[i], expected[i], run.results()[i], outputCols(i), where);
        }
    }

    /** The double cost stored in two floats' bits, so bit-exact comparisons see every bit of it. */
    static float[] doubleBits(double value) {
        long bits = Double.doubleToRawLongBits(value);
        return new float[] {Float.intBitsToFloat((int) (bits >>> 32)), Float.intBitsToFloat((int) bits)};
    }

    static double fromBits(float[] twoFloats) {
        long high = Float.floatToRawIntBits(twoFloats[0]) & 0xffffffffL;
        long low = Float.floatToRawIntBits(twoFloats[1]) & 0xffffffffL;
        return Double.longBitsToDouble(high << 32 | low);
    }

    /** The width of output i (for row/column in messages). */
    int outputCols(int i) {
        return outputShapes[i][1];
    }
}
