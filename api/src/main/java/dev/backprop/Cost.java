package dev.backprop;

import java.util.Optional;

/**
 * The cost function C, which owns BP1 (the cost SPI, after network2.py's cost classes).
 *
 * <p>Every cost here is a sum over output neurons, C_x = Σ_j c(a_j, y_j), and the mean over the
 * mini-batch is C = (1/m) Σ_x C_x. That covers the book's three costs; a cost that couples
 * output neurons is out of scope. The built-ins are the constants of {@link Costs}:
 * {@code QUADRATIC}, {@code CROSS_ENTROPY} and {@code LOG_LIKELIHOOD}.
 *
 * <pre>{@code
 * Cost absolute = new Cost() {
 *     public String id() { return "absolute"; }
 *     public double value(float a, float y) { return Math.abs(a - y); }
 *     public float outputError(float a, float y, float z, Activation f) {
 *         return Math.signum(a - y) * f.derivative(z);          // BP1: ∂C/∂a ⊙ σ′(z)
 *     }
 * };
 * }</pre>
 */
public interface Cost {

    /**
     * The cost's name in model files, messages and engine reports.
     *
     * @return a short stable identifier ("quadratic", "cross-entropy", …); a custom cost should
     *     pick one that no built-in uses, since {@link dev.backprop.io.ModelFile} stores only ids
     */
    String id();

    /**
     * The contribution c(a, y) of one output neuron to C_x; computed in double, since engines sum
     * many of them into the mean cost C = (1/m) Σ_x C_x.
     *
     * @param a the neuron's output activation a^L_j
     * @param y the target y_j for that neuron
     * @return c(a_j, y_j); it should be finite for every output the activation can produce, since
     *     the trainer takes a NaN or infinite cost for divergence
     *     ({@link TrainingDivergedException})
     */
    double value(float a, float y);

    /**
     * BP1 for one output neuron: δ^L_j = ∂C/∂a_j · σ′(z_j), or the simplified form that a known
     * (cost, activation) pair allows.
     *
     * @param a the neuron's activation σ(z)
     * @param y the target
     * @param z the weighted input
     * @param f the output layer's activation
     * @return δ^L_j, the error of that neuron
     */
    float outputError(float a, float y, float z, Activation f);

    /**
     * Why this cost cannot be used with the given output activation, or empty when it can.
     * {@link Network.Builder#build()} calls it so that a bad pair fails when the network is built.
     * The default refuses every activation that is not element-wise, since BP1 as
     * {@link #outputError} writes it needs σ′ per neuron.
     *
     * @param output the activation of the output layer
     * @return a sentence for the builder's message, or empty if the pair is legal
     */
    default Optional<String> incompatibility(Activation output) {
        if (!output.isElementwise()) {
            return Optional.of("the " + output.id() + " output layer needs the log-likelihood cost, "
                    + "and " + id() + " does not define its BP1");
        }
        return Optional.empty();
    }
}
