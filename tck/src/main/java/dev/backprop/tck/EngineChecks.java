package dev.backprop.tck;

import dev.backprop.Activation;
import dev.backprop.Backpropagation;
import dev.backprop.Cost;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.spi.Engine;

/**
 * The kit's oracle at the shapes and functions an engine's own tests choose: an engine's block
 * edges, its sums longer than one cache block, its forced tile sizes, which the kit's fixed
 * shapes may miss. Every engine is compared with the double-precision oracle here and never with
 * another engine, so engine modules need no other engine, in any scope.
 *
 * <p>Each operation runs on inputs the kit's {@code Cases} make from the seed, with its outputs
 * filled with NaN first (an element left unwritten fails), and must give every element within
 * the oracle's tolerance ({@link Tolerance}), the same bits when it runs again, and its inputs
 * unchanged. A method returns the largest |error| / tolerance it saw (at most 1) and throws an
 * {@link AssertionError} naming the engine, the case, the element, the expected and actual
 * values and the tolerance otherwise.
 *
 * <pre>{@code
 * EngineChecks checks = new EngineChecks(new SimdEngine(2));
 * checks.feedforward(Activations.SIGMOID, 100, 784, 300, 1);   // m, in, out, seed
 * checks.gradient(Network.of(37, 33, 17, 10), 23, 7);         // the whole network, batch 23
 * }</pre>
 *
 * <p>It is part of the kit because the cases that make its inputs ({@code Cases}) are the kit's
 * own and not public. Weights are N(0, 1/in), everything else uniform in a small range, and z
 * stays away from ReLU's kink, so results are of order 1.
 */
public final class EngineChecks {
    /** The kit's custom element-wise activation (softsign), whose double form the oracle knows. */
    public static final Activation CUSTOM_ACTIVATION = CustomFunctions.SOFTSIGN;
    /** The kit's custom cost (quartic, BP1 δ = (a − y)³ σ′), whose double form the oracle knows. */
    public static final Cost CUSTOM_COST = CustomFunctions.QUARTIC;

    private final Engine engine;

    /**
     * Checks on {@code engine}, which the caller opened and closes.
     *
     * @param engine an open engine; every check runs on it, and {@link #afterClose()} closes it
     */
    public EngineChecks(Engine engine) {
        this.engine = engine;
    }

    /**
     * Eq. 25 for a batch of m, in → out neurons: z and aOut against the oracle.
     *
     * @param f σ: a built-in activation or {@link #CUSTOM_ACTIVATION}
     * @param m the batch, at least 1
     * @param in the neurons feeding the layer
     * @param out the neurons of the layer
     * @param seed chooses the inputs; the same seed gives the same inputs
     * @return the largest share of its tolerance any element used, |error| / tolerance, at most 1
     * @throws AssertionError if an element is outside its tolerance, a second run differs in a bit,
     *     or an input changed
     */
    public double feedforward(Activation f, int m, int in, int out, long seed) {
        return check(Cases.feedforward(f, m, in, out, 1, seed));
    }

    /**
     * BP1 for m examples of width outputs, a = σ(z) as the api computes it: delta against the
     * oracle.
     *
     * @param c a built-in cost or {@link #CUSTOM_COST}
     * @param f the output activation, a legal pair with {@code c} (softmax only with
     *     log-likelihood)
     * @param m the batch, at least 1
     * @param width the output neurons
     * @param seed chooses the inputs; the same seed gives the same inputs
     * @return the largest share of its tolerance any element used, |error| / tolerance, at most 1
     * @throws AssertionError if an element is outside its tolerance, a second run differs in a bit,
     *     or an input changed
     */
    public double outputError(Cost c, Activation f, int m, int width, long seed) {
        return check(Cases.outputError(c, f, m, width, 1, seed));
    }

    /**
     * The mean cost of m examples of width outputs, a = σ(z): C against the oracle.
     *
     * @param c a built-in cost or {@link #CUSTOM_COST}
     * @param f the output activation that makes a from z
     * @param m the batch, at least 1
     * @param width the output neurons
     * @param seed chooses the inputs; the same seed gives the same inputs
     * @return the largest share of its tolerance any element used, |error| / tolerance, at most 1
     * @throws AssertionError if an element is outside its tolerance, a second run differs in a bit,
     *     or an input changed
     */
    public double cost(Cost c, Activation f, int m, int width, long seed) {
        return check(Cases.cost(c, f, m, width, seed));
    }

    /**
     * BP2 from a layer of next neurons back to one of width, for a batch of m: delta against the
     * oracle.
     *
     * @param f σ of the hidden layer, element-wise
     * @param m the batch, at least 1
     * @param next the neurons of layer l+1
     * @param width the neurons of layer l
     * @param seed chooses the inputs; the same seed gives the same inputs
     * @return the largest share of its tolerance any element used, |error| / tolerance, at most 1
     * @throws AssertionError if an element is outside its tolerance, a second run differs in a bit,
     *     or an input changed
     */
    public double backpropagate(Activation f, int m, int next, int width, long seed) {
        return check(Cases.backpropagate(f, m, next, width, 1, seed));
    }

    /**
     * BP3 over m examples of width neurons: gradB against the oracle.
     *
     * @param m the batch, at least 1
     * @param width the neurons of the layer
     * @param seed chooses the inputs; the same seed gives the same inputs
     * @return the largest share of its tolerance any element used, |error| / tolerance, at most 1
     * @throws AssertionError if an element is outside its tolerance, a second run differs in a bit,
     *     or an input changed
     */
    public double biasGradient(int m, int width, long seed) {
        return check(Cases.biasGradient(m, width, seed));
    }

    /**
     * BP4 over m examples, width neurons fed by in: gradW against the oracle.
     *
     * @param m the batch, at least 1
     * @param width the neurons of the layer
     * @param in the neurons feeding it
     * @param seed chooses the inputs; the same seed gives the same inputs
     * @return the largest share of its tolerance any element used, |error| / tolerance, at most 1
     * @throws AssertionError if an element is outside its tolerance, a second run differs in a bit,
     *     or an input changed
     */
    public double weightGradient(int m, int width, int in, long seed) {
        return check(Cases.weightGradient(m, width, in, seed));
    }

    /**
     * The SGD step (Eq. 93) on a rows × cols parameter: param against the oracle.
     *
     * @param rows the parameter's rows
     * @param cols the parameter's columns
     * @param eta η, finite
     * @param decay ηλ/n, finite; 0 for a step without L2
     * @param seed chooses the inputs; the same seed gives the same inputs
     * @return the largest share of its tolerance any element used, |error| / tolerance, at most 1
     * @throws AssertionError if an element is outside its tolerance, a second run differs in a bit,
     *     or an input changed
     */
    public double update(int rows, int cols, float eta, float decay, long seed) {
        return check(Cases.update(rows, cols, eta, decay, seed));
    }

    /**
     * The SGD step rounded exactly as the Java expression {@code (1 − decay)·p − η·g} rounds it,
     * with 1 − decay rounded to float first: two products and a difference, no fused
     * multiply-add. Not a rule of the kit (an engine may fuse and stay within the oracle's
     * bound), but a promise of this project's engines: their update gives the reference engine's
     * bits.
     *
     * @param rows the parameter's rows
     * @param cols the parameter's columns
     * @param eta η, finite
     * @param decay ηλ/n, finite
     * @param seed chooses the inputs; the same seed gives the same inputs
     * @return how many elements it compared, rows × cols
     * @throws AssertionError at the first element whose bits differ from Java's
     */
    public int updateRoundsAsJava(int rows, int cols, float eta, float decay, long seed) {
        Case c = Cases.update(rows, cols, eta, decay, seed);
        float[] p = c.initialOutputs()[0];
        float[] g = c.inputs()[0];
        float keep = 1 - decay;
        float[] expected = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            expected[i] = keep * p[i] - eta * g[i];
        }
        sameBits(c.equation() + ", " + c.label() + ", as Java rounds (1 − decay)·p − η·g", "param", expected,
                c.run(engine, Float.NaN).results()[0]);
        return p.length;
    }

    /**
     * BP4 fused with the SGD step (Eq. 93) on a width × in weight matrix: w after the step
     * against the oracle; gradW, scratch, is not compared.
     *
     * @param m the batch, at least 1
     * @param width the neurons of the layer
     * @param in the neurons feeding it
     * @param eta η, finite
     * @param decay ηλ/n, finite; 0 for a step without L2
     * @param seed chooses the inputs; the same seed gives the same inputs
     * @return the largest share of its tolerance any element used, |error| / tolerance, at most 1
     * @throws AssertionError if an element is outside its tolerance, a second run differs in a bit,
     *     or an input changed
     */
    public double weightGradientAndUpdate(int m, int width, int in, float eta, float decay, long seed) {
        return check(Cases.weightGradientAndUpdate(m, width, in, eta, decay, seed));
    }

    /**
     * The whole gradient of a batch of m through the api's {@link Backpropagation}: ∂C/∂W and
     * ∂C/∂b of every layer against {@link NetworkOracle}. Runs once: no check of determinism or
     * of untouched inputs.
     *
     * @param network the network; its functions must be ones the oracle knows
     * @param m the batch, at least 1
     * @param seed chooses the inputs; the same seed gives the same inputs
     * @return the largest share of its tolerance any element of any layer used, at most 1
     * @throws AssertionError at the first element outside its tolerance
     */
    public double gradient(Network network, int m, long seed) {
        NetworkRules.Problem p = NetworkRules.Problem.of(network, m, 1, seed);
        NetworkOracle.Gradient expected = NetworkOracle.gradient(network, p.w(), p.b(), p.x(), p.y(), m);
        Parameters actual = NetworkRules.engineGradient(engine, p);
        double worst = 0;
        for (int l = 0; l < network.depth(); l++) {
            String where = network + ", batch " + m + ", layer " + (l + 2);
            worst = Math.max(worst, compare(where, "gradW (BP4)", expected.weights()[l], actual.weights(l), network.fanIn(l)));
            worst = Math.max(worst, compare(where, "gradB (BP3)", expected.biases()[l], actual.biases(l),
                    network.layer(l).width()));
        }
        return worst;
    }

    /**
     * One SGD step of a batch of m as {@code Trainer} takes it ({@link Backpropagation#step}, BP4
     * fused with Eq. 93 where the engine fuses them): W and b after it against one oracle step
     * from the same parameters.
     *
     * @param network the network; its functions must be ones the oracle knows
     * @param m the batch, at least 1
     * @param eta η, finite
     * @param decay ηλ/n, applied to the weights only, as the api does
     * @param seed chooses the inputs; the same seed gives the same inputs
     * @return the largest share of its tolerance any element of any layer used, at most 1
     * @throws AssertionError at the first element outside its tolerance
     */
    public double step(Network network, int m, float eta, float decay, long seed) {
        NetworkRules.Problem p = NetworkRules.Problem.of(network, m, 1, seed);
        NetworkOracle.Gradient g = NetworkOracle.gradient(network, p.w(), p.b(), p.x(), p.y(), m);
        Parameters after = Parameters.zeros(network);
        try (Backpropagation bp = Backpropagation.open(engine, network)) {
            bp.setParameters(p.parameters());
            bp.feedforward(p.x(), 0, m);
            bp.setTargets(p.y(), 0);
            bp.step(eta, decay);
            bp.getParameters(after);
        }
        double worst = 0;
        for (int l = 0; l < network.depth(); l++) {
            String where = network + ", batch " + m + ", one step, layer " + (l + 2);
            worst = Math.max(worst, compare(where, "w", Oracle.step(p.w()[l], g.weights()[l], eta, decay), after.weights(l),
                    network.fanIn(l)));
            worst = Math.max(worst, compare(where, "b", Oracle.step(p.b()[l], g.biases()[l], eta, 0), after.biases(l),
                    network.layer(l).width()));
        }
        return worst;
    }

    /**
     * Each operation with each matrix argument a row or a column off, softmax where σ′ would be
     * needed, a non-finite η or decay, impossible sizes for allocate and offsets for write and
     * read: the engine must throw what {@link dev.backprop.spi.Checks} throws for the same
     * arguments, with the same words, and leave every output as it was. Each operation runs with
     * its right shapes too, where the engine must accept what {@code Checks} accepts.
     *
     * @return how many calls were refused, each as {@code Checks} words it
     * @throws AssertionError at the first call whose outcome differs from {@code Checks}' (another
     *     exception, other words, or no exception), or whose refusal came after an output was
     *     written
     */
    public int refusals() {
        return Refusals.shapes(engine, this) + Refusals.transfers(engine, this);
    }

    /**
     * Each matrix argument of each operation but {@code weightGradientAndUpdate} (whose default
     * method checks ownership in the two calls it makes, so its words may name their arguments)
     * replaced by {@code other}'s, by a Matrix no engine allocated, and by null: refused with the
     * words of {@link dev.backprop.spi.Checks#notOwned}.
     *
     * @param other an open engine: another engine, or another instance of this one; this method
     *     allocates a matrix on it for each argument and leaves it open
     * @return how many calls it checked
     * @throws AssertionError at the first call not refused with those words
     */
    public int foreignMatrices(Engine other) {
        return Refusals.foreign(engine, other, this);
    }

    /**
     * Closes the engine twice (the second call must do nothing), then calls every operation,
     * allocate, write and read: each must throw {@link dev.backprop.spi.Checks#closed}'s
     * exception. The engine stays closed; call this last.
     *
     * @return how many calls it checked after close: the eight operations, allocate, write and read
     * @throws AssertionError at the first call that is not refused with those words
     */
    public int afterClose() {
        return Refusals.afterClose(engine, this);
    }

    /** Two outcomes ("class: message", or null for none) that must be equal. */
    void same(String where, String expected, String actual) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            throw failure(where, "expected " + (expected == null ? "no exception" : expected) + ", got "
                    + (actual == null ? "no exception" : actual));
        }
    }

    /** Runs the case twice on NaN-filled outputs: oracle, determinism, untouched inputs. */
    private double check(Case c) {
        String where = c.equation() + ", " + c.label();
        Case.Run first = c.run(engine, Float.NaN);
        Expected[] expected = c.expected().get();
        double worst = 0;
        if (c.scalar()) {
            worst = compare(where, "C", expected[0], new double[] {Case.fromBits(first.results()[0])}, 1);
        } else {
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, compare(where, c.outputNames()[i], expected[i], first.results()[i], c.outputCols(i)));
            }
        }
        Case.Run second = c.run(engine, Float.NaN);
        for (int i = 0; i < expected.length; i++) {
            String name = c.scalar() ? "C" : c.outputNames()[i];
            sameBits(where + ", run twice", name, first.results()[i], second.results()[i]);
        }
        for (int i = 0; i < c.inputs().length; i++) {
            sameBits(where + ", input before and after the call", c.inputNames()[i], c.inputs()[i],
                    Context.get(engine, first.inputs()[i]));
        }
        return worst;
    }

    private double compare(String where, String array, Expected expected, float[] actual, int cols) {
        double[] widened = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            widened[i] = actual[i];
        }
        return compare(where, array, expected, widened, cols);
    }

    private double compare(String where, String array, Expected expected, double[] actual, int cols) {
        if (actual.length != expected.size()) {
            throw failure(where, array + " has " + actual.length + " elements, the oracle " + expected.size());
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double error = Math.abs(actual[i] - expected.value()[i]);
            double tolerance = expected.tolerance()[i];
            if (!(error <= tolerance)) { // NaN fails too
                throw failure(where, String.format("%s[%d] (row %d, col %d): oracle %.9g, engine %.9g, |error| %.3g > "
                        + "tolerance %.3g", array, i, i / cols, i % cols, expected.value()[i], actual[i], error, tolerance));
            }
            worst = tolerance > 0 ? Math.max(worst, error / tolerance) : worst;
        }
        return worst;
    }

    void sameBits(String where, String array, float[] first, float[] second) {
        for (int i = 0; i < first.length; i++) {
            if (Float.floatToRawIntBits(first[i]) != Float.floatToRawIntBits(second[i])) {
                throw failure(where, array + "[" + i + "] was " + first[i] + ", then " + second[i]);
            }
        }
    }

    private AssertionError failure(String where, String what) {
        return new AssertionError("engine " + engine.name() + ", " + where + ": " + what);
    }
}
