package dev.backprop;

/**
 * The activation function σ of a layer, with its derivative σ′ beside it (the layer SPI).
 *
 * <p>Feedforward (Eq. 25) applies σ; BP1 and BP2 multiply by σ′(z). Keeping both in one
 * type means a user who writes a new activation cannot forget its derivative.
 *
 * <pre>{@code
 * Activation swish = new Activation() {
 *     public String id() { return "swish"; }
 *     public float value(float z) { return z / (1 + (float) Math.exp(-z)); }
 *     public float derivative(float z) {
 *         float s = 1 / (1 + (float) Math.exp(-z));
 *         return s + z * s * (1 - s);
 *     }
 * };
 * }</pre>
 *
 * <p>The built-ins are the constants of {@link Activations}: {@code SIGMOID}, {@code TANH},
 * {@code RELU}, {@code IDENTITY} and {@code SOFTMAX}. (They live in their own type rather than
 * in this interface: constants here that referred to an enum implementing this interface would
 * read null whenever the enum happened to be initialised first.) Engines may specialise the
 * built-ins; an engine that cannot run a custom activation refuses it when a session is opened,
 * never with wrong numbers.
 */
public interface Activation {

    /**
     * The activation's name in model files, messages and engine reports.
     *
     * @return a short stable identifier ("sigmoid", "tanh", …); a custom activation should pick
     *     one that no built-in uses, since {@link dev.backprop.io.ModelFile} stores only ids
     */
    String id();

    /**
     * σ(z) for one neuron: the a^l_j = σ(z^l_j) of Eq. 25.
     *
     * @param z the neuron's weighted input z^l_j
     * @return the neuron's activation a^l_j
     * @throws UnsupportedOperationException if σ is not element-wise ({@link #isElementwise()}
     *     false, as softmax), so that one neuron's value needs the whole row: use {@link #apply}
     */
    float value(float z);

    /**
     * σ′(z) for one neuron, the factor BP1 and BP2 multiply by.
     *
     * @param z the neuron's weighted input z^l_j
     * @return dσ/dz at {@code z}
     * @throws UnsupportedOperationException if σ is not element-wise, since its Jacobian is not
     *     diagonal (softmax: only its pairing with the log-likelihood cost gives BP1, δ = a − y)
     */
    float derivative(float z);

    /**
     * Whether σ acts on each neuron on its own. Only such activations may be used in hidden
     * layers, because BP2 multiplies by σ′(z) element by element.
     *
     * @return true unless σ couples the neurons of a layer (softmax); true by default
     */
    default boolean isElementwise() {
        return true;
    }

    /**
     * Applies σ to one example: {@code a[offset + j] = σ(z[offset + j])} for j in [0, length).
     * Element-wise by default; softmax overrides it to normalise over the row. An engine that
     * runs a custom σ calls this once per example (Eq. 25's a^l = σ(z^l) for one row), so that a
     * σ that is not element-wise sees the whole output of one example.
     *
     * @param z the weighted inputs; only {@code z[offset … offset+length)} is read
     * @param a receives the activations in {@code a[offset … offset+length)}; nothing else is
     *     written
     * @param offset where the example's row starts, in both arrays
     * @param length the row's width: the number of neurons of the layer
     */
    default void apply(float[] z, float[] a, int offset, int length) {
        for (int j = offset; j < offset + length; j++) {
            a[j] = value(z[j]);
        }
    }
}
