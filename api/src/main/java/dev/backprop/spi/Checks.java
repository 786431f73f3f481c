package dev.backprop.spi;

import dev.backprop.Activation;
import dev.backprop.Cost;

import java.util.Optional;

/**
 * The argument checks of every {@link Engine} operation, shared so that every engine refuses the
 * same mistakes with the same words (invariant 5 of the design: before any arithmetic runs, name
 * what was expected and what came).
 *
 * <p>An engine first checks that it is open ({@link #closed}) and that each matrix is its own
 * ({@link OwnedMatrix#owned}), then calls the method here for the operation.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * The refusal of any call to a closed engine, in the words every engine uses; the engine throws it.
     *
     * @param engine the closed engine, named in the message
     * @return a new exception, not yet thrown, whose message says to open a new engine
     */
    public static IllegalStateException closed(Engine engine) {
        return new IllegalStateException("the " + engine.name() + " engine is closed; open a new one with Engines.open()");
    }

    /**
     * The refusal of a matrix that is not {@code owner}'s (another engine's, another instance's,
     * or null), in the words every engine uses; the engine throws it.
     *
     * @param argument the SPI's name for the argument ("w", "delta", …)
     * @param owner the engine that was called
     * @param m the matrix that came, possibly null
     * @return a new exception, not yet thrown, naming the argument, the engine and what came (with
     *     its class)
     */
    public static IllegalArgumentException notOwned(String argument, Engine owner, Matrix m) {
        return new IllegalArgumentException(argument + " must be a matrix allocated by this " + owner.name()
                + " engine, got " + (m == null ? "null" : m + " (" + m.getClass().getName() + ")"));
    }

    /**
     * Eq. 25: w out × in, b 1 × out, aIn m × in, z and aOut m × out. W gives out and in, aIn's
     * rows give m; any activation is allowed.
     *
     * @param w W^l, out × in
     * @param b b^l, to be 1 × out
     * @param aIn A^{l−1}, to be m × in
     * @param z Z^l, to be m × out
     * @param aOut A^l, to be m × out
     * @throws IllegalArgumentException naming the first argument whose shape is wrong, what it must
     *     be and what it is
     */
    public static void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut) {
        int out = w.rows();
        int in = w.cols();
        int m = aIn.rows();
        shape("feedforward", "b (1 × neurons of W's rows)", b, 1, out);
        shape("feedforward", "aIn (batch × W's columns)", aIn, m, in);
        shape("feedforward", "z (batch × W's rows)", z, m, out);
        shape("feedforward", "aOut (batch × W's rows)", aOut, m, out);
    }

    /**
     * BP1: aOut, z, y and delta all m × out (aOut's shape); and an activation that is not
     * element-wise (softmax) only with a cost whose BP1 cancels its σ′, which does not exist
     * (log-likelihood: δ = a − y, Eq. 81–82). Which costs do is {@link Cost#incompatibility}'s
     * answer, the one {@code Network} builds with.
     *
     * @param c the network's cost, asked whether it accepts {@code f} when f is not element-wise
     * @param f σ^L of the output layer
     * @param aOut A^L, m × out; its shape is the one the others must have
     * @param z Z^L, to be m × out
     * @param y the targets, to be m × out
     * @param delta Δ^L, to be m × out
     * @throws IllegalArgumentException if a shape differs from aOut's, or if {@code f} is not
     *     element-wise and {@code c} refuses it (the message carries the cost's reason)
     */
    public static void outputError(Cost c, Activation f, Matrix aOut, Matrix z, Matrix y, Matrix delta) {
        shape("outputError (BP1)", "z (same as aOut)", z, aOut.rows(), aOut.cols());
        shape("outputError (BP1)", "y (same as aOut)", y, aOut.rows(), aOut.cols());
        shape("outputError (BP1)", "delta (same as aOut)", delta, aOut.rows(), aOut.cols());
        if (!f.isElementwise()) {
            Optional<String> refusal = c.incompatibility(f);
            if (refusal.isPresent()) {
                throw new IllegalArgumentException("outputError (BP1): activation " + f.id()
                        + " is not element-wise, so σ′(z) does not exist: " + refusal.get());
            }
        }
    }

    /**
     * The mean cost: aOut and y both m × out.
     *
     * @param aOut A^L, m × out
     * @param y the targets, to be aOut's shape
     * @throws IllegalArgumentException if y's shape differs from aOut's
     */
    public static void cost(Matrix aOut, Matrix y) {
        shape("cost", "y (same as aOut)", y, aOut.rows(), aOut.cols());
    }

    /**
     * BP2: wNext next × this, deltaNext m × next, z and delta m × this, σ element-wise. W^{l+1}
     * gives next and this, deltaNext's rows give m.
     *
     * @param wNext W^{l+1}, next × this
     * @param deltaNext Δ^{l+1}, to be m × next
     * @param z Z^l, to be m × this
     * @param f σ^l of the hidden layer; must be element-wise, since BP2 multiplies by σ′(Z^l)
     *     element by element
     * @param delta Δ^l, to be m × this
     * @throws IllegalArgumentException naming the first argument whose shape is wrong, or if
     *     {@code f} is not element-wise (softmax in a hidden layer)
     */
    public static void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
        int next = wNext.rows();
        int width = wNext.cols();
        int m = deltaNext.rows();
        shape("backpropagate (BP2)", "deltaNext (batch × W^{l+1}'s rows)", deltaNext, m, next);
        shape("backpropagate (BP2)", "z (batch × W^{l+1}'s columns)", z, m, width);
        shape("backpropagate (BP2)", "delta (batch × W^{l+1}'s columns)", delta, m, width);
        if (!f.isElementwise()) {
            throw new IllegalArgumentException("backpropagate (BP2): activation " + f.id()
                    + " is not element-wise, so σ′(z) ⊙ is undefined for a hidden layer");
        }
    }

    /**
     * BP3: delta m × out, gradB 1 × out.
     *
     * @param delta Δ^l, m × out, any m
     * @param gradB ∂C/∂b^l, to be 1 × out
     * @throws IllegalArgumentException if gradB is not 1 × out
     */
    public static void biasGradient(Matrix delta, Matrix gradB) {
        shape("biasGradient (BP3)", "gradB (1 × delta's columns)", gradB, 1, delta.cols());
    }

    /**
     * BP4: delta m × out, aIn m × in, gradW out × in. delta gives m and out, aIn's columns give in.
     *
     * @param delta Δ^l, m × out
     * @param aIn A^{l−1}, to have m rows
     * @param gradW ∂C/∂W^l, to be out × in
     * @throws IllegalArgumentException if aIn's rows differ from delta's, or gradW is not out × in
     */
    public static void weightGradient(Matrix delta, Matrix aIn, Matrix gradW) {
        shape("weightGradient (BP4)", "aIn (delta's rows × any)", aIn, delta.rows(), aIn.cols());
        shape("weightGradient (BP4)", "gradW (delta's columns × aIn's columns)", gradW, delta.cols(), aIn.cols());
    }

    /**
     * The SGD step of Eq. 93: grad the same shape as param; finite eta and decay. Their sign is not
     * checked.
     *
     * @param param W^l or b^l
     * @param grad ∂C/∂W^l or ∂C/∂b^l, to be param's shape
     * @param eta η, to be finite
     * @param decay ηλ/n for weights, 0 for biases; to be finite
     * @throws IllegalArgumentException if the shapes differ, or eta or decay is NaN or infinite
     */
    public static void update(Matrix param, Matrix grad, float eta, float decay) {
        shape("update", "grad (same as param)", grad, param.rows(), param.cols());
        if (!Float.isFinite(eta) || !Float.isFinite(decay)) {
            throw new IllegalArgumentException("update: eta and decay must be finite, got eta " + eta + ", decay " + decay);
        }
    }

    /**
     * BP4 then the SGD step (Eq. 93): as {@link #weightGradient} and {@link #update}, w the shape
     * of gradW, and w none of the other three matrices, since W is written while the gradient is
     * computed.
     *
     * @param delta Δ^l, m × out
     * @param aIn A^{l−1}, to have m rows
     * @param gradW scratch for ∂C/∂W^l, to be out × in
     * @param w W^l, to be out × in and a matrix of its own
     * @param eta η, to be finite
     * @param decay ηλ/n, to be finite
     * @throws IllegalArgumentException if a shape is wrong, eta or decay is not finite, or w is
     *     the same object as gradW, delta or aIn
     */
    public static void weightGradientAndUpdate(Matrix delta, Matrix aIn, Matrix gradW, Matrix w, float eta,
            float decay) {
        weightGradient(delta, aIn, gradW);
        shape("weightGradientAndUpdate", "w (same as gradW)", w, gradW.rows(), gradW.cols());
        update(w, gradW, eta, decay);
        if (w == gradW || w == delta || w == aIn) {
            throw new IllegalArgumentException("weightGradientAndUpdate: w " + w.shape() + " is also passed as "
                    + (w == gradW ? "gradW" : w == delta ? "delta" : "aIn")
                    + "; W is written while the gradient is computed, so it needs a matrix of its own");
        }
    }

    /**
     * The regularised gradient: param the same shape as grad, a different matrix; l2 and l1
     * finite and at least 0.
     *
     * @param grad ∂C/∂w, updated by the operation
     * @param param the parameters the penalty is on
     * @param l2 λ/n
     * @param l1 λ₁/n
     */
    public static void regularize(Matrix grad, Matrix param, float l2, float l1) {
        shape("regularize", "param (same as grad)", param, grad.rows(), grad.cols());
        distinct("regularize", grad, "grad", param, "param");
        nonNegative("regularize", "l2 (λ/n)", l2);
        nonNegative("regularize", "l1 (λ₁/n)", l1);
    }

    /**
     * The momentum step: grad and velocity the shape of param, three different matrices; eta
     * finite, mu in [0, 1).
     *
     * @param param w
     * @param grad ∂C/∂w
     * @param velocity v
     * @param eta η
     * @param mu μ
     */
    public static void momentumStep(Matrix param, Matrix grad, Matrix velocity, float eta, float mu) {
        String op = "momentumStep";
        stepWithOneState(op, param, grad, velocity, "velocity (same as param)", "velocity");
        finite(op, "eta", eta);
        unitInterval(op, "mu (μ)", mu);
    }

    /**
     * The Adam step: grad, m and v the shape of param, four different matrices; eta and decay
     * finite, β₁ and β₂ in [0, 1), ε positive, t at least 1.
     *
     * @param param w
     * @param grad ∂C/∂w
     * @param m the first moment
     * @param v the second moment
     * @param eta η
     * @param beta1 β₁
     * @param beta2 β₂
     * @param epsilon ε
     * @param t the step, from 1
     * @param decay ηλ of AdamW
     */
    public static void adamStep(Matrix param, Matrix grad, Matrix m, Matrix v, float eta, float beta1, float beta2,
            float epsilon, long t, float decay) {
        String op = "adamStep";
        shape(op, "grad (same as param)", grad, param.rows(), param.cols());
        shape(op, "m (same as param)", m, param.rows(), param.cols());
        shape(op, "v (same as param)", v, param.rows(), param.cols());
        distinct(op, param, "param", grad, "grad");
        distinct(op, param, "param", m, "m");
        distinct(op, param, "param", v, "v");
        distinct(op, grad, "grad", m, "m");
        distinct(op, grad, "grad", v, "v");
        distinct(op, m, "m", v, "v");
        finite(op, "eta", eta);
        finite(op, "decay", decay);
        unitInterval(op, "beta1 (β₁)", beta1);
        unitInterval(op, "beta2 (β₂)", beta2);
        positive(op, "epsilon (ε)", epsilon);
        if (t < 1) {
            throw new IllegalArgumentException(op + ": the step t counts from 1 (the bias correction divides by 1 − β^t), got " + t);
        }
    }

    /**
     * The RMSProp step: grad and meanSquare the shape of param, three different matrices; eta
     * finite, ρ in [0, 1), ε positive.
     *
     * @param param w
     * @param grad ∂C/∂w
     * @param meanSquare r, the running mean of g²
     * @param eta η
     * @param rho ρ
     * @param epsilon ε
     */
    public static void rmsPropStep(Matrix param, Matrix grad, Matrix meanSquare, float eta, float rho, float epsilon) {
        String op = "rmsPropStep";
        stepWithOneState(op, param, grad, meanSquare, "meanSquare (same as param)", "meanSquare");
        finite(op, "eta", eta);
        unitInterval(op, "rho (ρ)", rho);
        positive(op, "epsilon (ε)", epsilon);
    }

    /**
     * Dropout: mask the shape of values, a different matrix.
     *
     * @param values a^l or δ^l
     * @param mask r^l
     */
    public static void dropout(Matrix values, Matrix mask) {
        shape("dropout", "mask (same as values)", mask, values.rows(), values.cols());
        distinct("dropout", values, "values", mask, "mask");
    }

    /**
     * The matrices of a rule with one state matrix (momentum's v, RMSProp's r): grad and the
     * state the shape of param, and three different matrices. Both names are literals, so the
     * check allocates nothing.
     */
    private static void stepWithOneState(String operation, Matrix param, Matrix grad, Matrix state, String stateShape,
            String stateName) {
        shape(operation, "grad (same as param)", grad, param.rows(), param.cols());
        shape(operation, stateShape, state, param.rows(), param.cols());
        distinct(operation, param, "param", grad, "grad");
        distinct(operation, param, "param", state, stateName);
        distinct(operation, grad, "grad", state, stateName);
    }

    /**
     * Throws if {@code a} and {@code b} are the same matrix: each is read or written in its own
     * role. Pair by pair, with no array, because a training step calls it on every layer and must
     * allocate nothing.
     */
    private static void distinct(String operation, Matrix a, String aName, Matrix b, String bName) {
        if (a == b) {
            throw new IllegalArgumentException(operation + ": " + aName + " " + a.shape() + " is also passed as " + bName
                    + "; each needs a matrix of its own");
        }
    }

    private static void finite(String operation, String name, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(operation + ": " + name + " must be finite, got " + value);
        }
    }

    private static void nonNegative(String operation, String name, float value) {
        if (!(value >= 0) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(operation + ": " + name + " must be finite and at least 0, got " + value);
        }
    }

    private static void positive(String operation, String name, float value) {
        if (!(value > 0) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(operation + ": " + name + " must be positive and finite, got " + value);
        }
    }

    private static void unitInterval(String operation, String name, float value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(operation + ": " + name + " must be in [0, 1), got " + value);
        }
    }

    /**
     * {@link Engine#read} and {@link Engine#write}: the array has room for the matrix's
     * {@code size()} elements from offset on.
     *
     * @param operation "read" or "write", for the message
     * @param m the engine's matrix
     * @param array the host array
     * @param offset the index in {@code array} of element (0, 0)
     * @throws IllegalArgumentException if offset is negative or the array ends before
     *     offset + m.size()
     */
    public static void transfer(String operation, Matrix m, float[] array, int offset) {
        if (offset < 0 || (long) offset + m.size() > array.length) {
            throw new IllegalArgumentException(operation + ": matrix " + m.shape() + " needs " + m.size()
                    + " floats from offset " + offset + ", array has " + array.length);
        }
    }

    /**
     * {@link Engine#allocate}: both dimensions at least 1, and rows × cols at most
     * {@code Integer.MAX_VALUE − 8}, the largest array every JVM allocates.
     *
     * @param rows the number of rows asked for
     * @param cols the number of columns asked for
     * @throws IllegalArgumentException if a dimension is below 1 or the product too large
     */
    public static void allocate(int rows, int cols) {
        if (rows < 1 || cols < 1 || (long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("allocate: rows and cols must be at least 1 and their product fit in an array, got "
                    + rows + "×" + cols);
        }
    }

    /**
     * Throws unless {@code m} is rows × cols; the building block of the checks above, for an
     * engine's own operations.
     *
     * @param operation the operation, as messages name it: {@code "outputError (BP1)"}
     * @param argument the argument and what its shape should follow: {@code "y (same as aOut)"}
     * @param m the matrix to check
     * @param rows the rows it must have
     * @param cols the columns it must have
     * @throws IllegalArgumentException saying "operation: argument must be rows×cols, got …"
     */
    public static void shape(String operation, String argument, Matrix m, int rows, int cols) {
        if (m.rows() != rows || m.cols() != cols) {
            throw new IllegalArgumentException(operation + ": " + argument + " must be " + rows + "×" + cols
                    + ", got " + m.shape());
        }
    }
}
