package dev.backprop;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.function.ToDoubleBiFunction;

/**
 * How a step moves the parameters once the gradient of the mini-batch is known: one small class
 * per rule, each with its hyper-parameters checked in its constructor and its update written once
 * (as an {@link Engine} operation, so the state it keeps, such as velocities or Adam's moments,
 * lives in engine-owned matrices, on the device for a device engine).
 *
 * <pre>{@code
 * Trainer.builder().optimizer(Optimizer.momentum(0.9)).learningRate(0.1)...   // the book's momentum
 * Trainer.builder().optimizer(Optimizer.adam()).learningRate(0.001)...        // Kingma and Ba's defaults
 * }</pre>
 *
 * <p>The rules: {@link Sgd} (w → w − η∂C/∂w, chapter 1), {@link Momentum} (the book's
 * v → μv − η∂C/∂w, w → w + v, and Nesterov's variant), {@link Adam} (with AdamW's decoupled
 * weight decay) and {@link RmsProp}. {@link Backpropagation#step(double, Regularization)} applies
 * one to every layer, biases included; the state is allocated once per parameter matrix by
 * {@link Backpropagation#setOptimizer} and starts at zero. Immutable and thread-safe: one
 * optimizer may be given to many trainers.
 */
public abstract class Optimizer {
    /** Only the rules of this package: each needs an engine operation of its own. */
    Optimizer() {
    }

    /**
     * Plain stochastic gradient descent, w → w − η∂C/∂w (with L2, Eq. 93's decay).
     *
     * @return the rule of chapters 1 and 3
     */
    public static Sgd sgd() {
        return Sgd.INSTANCE;
    }

    /**
     * The book's momentum-based gradient descent (chapter 3): v → μv − η∂C/∂w, w → w + v.
     *
     * @param mu the momentum coefficient μ in [0, 1): 0 is plain SGD; the book suggests values
     *     near 0.9 once η is chosen
     * @return the rule
     * @throws IllegalArgumentException if {@code mu} is outside [0, 1)
     */
    public static Momentum momentum(double mu) {
        return new Momentum(mu, false);
    }

    /**
     * Nesterov's accelerated gradient in the momentum form of Sutskever et al. (2013), as PyTorch's
     * {@code SGD(nesterov=True)}: v → μv − η∂C/∂w, w → w + μv − η∂C/∂w.
     *
     * @param mu the momentum coefficient μ in [0, 1)
     * @return the rule
     * @throws IllegalArgumentException if {@code mu} is outside [0, 1)
     */
    public static Momentum nesterov(double mu) {
        return new Momentum(mu, true);
    }

    /**
     * Adam with Kingma and Ba's defaults: β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸ (use η = 0.001).
     *
     * @return the rule
     */
    public static Adam adam() {
        return new Adam(Adam.BETA1, Adam.BETA2, Adam.EPSILON, 0);
    }

    /**
     * AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, w → (1 − ηλ_w) w before
     * Adam's step, on weights (not biases); Kingma and Ba's β₁, β₂ and ε.
     *
     * @param weightDecay λ_w, finite and at least 0 (PyTorch's default is 0.01)
     * @return the rule
     * @throws IllegalArgumentException if {@code weightDecay} is negative or not finite
     */
    public static Adam adamW(double weightDecay) {
        return new Adam(Adam.BETA1, Adam.BETA2, Adam.EPSILON, weightDecay);
    }

    /**
     * RMSProp (Tieleman and Hinton) with ρ = 0.9 and ε = 10⁻⁸ (use η = 0.001).
     *
     * @return the rule
     */
    public static RmsProp rmsProp() {
        return new RmsProp(RmsProp.RHO, RmsProp.EPSILON);
    }

    /**
     * The rule an {@link #id()} names, with the hyper-parameters it takes asked of
     * {@code hyperParameter}: the one place that maps the names of the command line and of a
     * checkpoint to the factories and constructors above, which check the values.
     *
     * <pre>{@code
     * Optimizer.of("adamw", (name, standard) -> standard);       // AdamW, λ_w = 0.01
     * Optimizer.of("momentum", (name, standard) -> 0.5);         // the book's momentum, μ = 0.5
     * }</pre>
     *
     * <p>The hyper-parameters are asked by their command-line names, each with its standard value:
     * "momentum" (μ, 0.9) of momentum and nesterov; "beta1" (0.9), "beta2" (0.999) and "epsilon"
     * (10⁻⁸) of adam and adamw; "weight-decay" (λ_w, 0.01) of adamw only (adam's is 0); "rho" (0.9)
     * and "epsilon" (10⁻⁸) of rmsprop; none of sgd. Each is asked once, in that order.
     *
     * @param id "sgd", "momentum", "nesterov", "adam", "adamw" or "rmsprop"
     * @param hyperParameter the value of a hyper-parameter, given its name and standard value
     * @return the rule
     * @throws IllegalArgumentException for an unknown id, naming the known ones, or a value the rule
     *     refuses
     */
    public static Optimizer of(String id, ToDoubleBiFunction<String, Double> hyperParameter) {
        switch (id) {
            case "sgd":
                return sgd();
            case "momentum":
                return momentum(hyperParameter.applyAsDouble("momentum", 0.9));
            case "nesterov":
                return nesterov(hyperParameter.applyAsDouble("momentum", 0.9));
            case "adam":
            case "adamw": {
                double beta1 = hyperParameter.applyAsDouble("beta1", Adam.BETA1);
                double beta2 = hyperParameter.applyAsDouble("beta2", Adam.BETA2);
                double epsilon = hyperParameter.applyAsDouble("epsilon", Adam.EPSILON);
                double weightDecay = id.equals("adamw") ? hyperParameter.applyAsDouble("weight-decay", 0.01) : 0;
                return new Adam(beta1, beta2, epsilon, weightDecay);
            }
            case "rmsprop": {
                double rho = hyperParameter.applyAsDouble("rho", RmsProp.RHO);
                return new RmsProp(rho, hyperParameter.applyAsDouble("epsilon", RmsProp.EPSILON));
            }
            default:
                throw new IllegalArgumentException(
                        "the optimizer must be sgd, momentum, nesterov, adam, adamw or rmsprop, got '" + id + "'");
        }
    }

    /**
     * The rule's name, as the command line's {@code --optimizer} and a checkpoint call it.
     *
     * @return "sgd", "momentum", "nesterov", "adam", "adamw" or "rmsprop"
     */
    public abstract String id();

    /**
     * Whether the L2 term enters as Eq. 93's decay of w inside the step (plain SGD), rather than
     * as (λ/n)·w added to the gradient first (every other rule: the gradient of the regularised
     * cost, as PyTorch's {@code weight_decay} does).
     */
    boolean decaysInStep() {
        return false;
    }

    /** How many matrices of state the rule keeps per parameter matrix. */
    abstract int stateMatrices();

    /**
     * One step of the rule on one parameter matrix.
     *
     * @param param W^l or b^l
     * @param grad its gradient (the regularised one for weights)
     * @param state the rule's {@link #stateMatrices()} matrices for this parameter
     * @param eta η of this step
     * @param t the step, 1 for the first
     * @param weights whether {@code param} is a weight matrix (decoupled decay applies to weights only)
     */
    abstract void step(Engine engine, Matrix param, Matrix grad, Matrix[] state, double eta, long t, boolean weights);

    /** Throws unless {@code value} is in [0, 1). */
    static double unitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** Throws unless {@code value} is positive and finite. */
    static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
        return value;
    }
}
