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

    /** A short stable identifier, stored in model files ("sigmoid", "tanh", …). */
    String id();

    /** σ(z) for one neuron. */
    float value(float z);

    /** σ′(z) for one neuron, as used by BP1 and BP2. */
    float derivative(float z);

    /**
     * Whether σ acts on each neuron on its own. Only such activations may be used in hidden
     * layers, because BP2 multiplies by σ′(z) element by element.
     */
    default boolean isElementwise() {
        return true;
    }

    /**
     * Applies σ to one example: {@code a[offset + j] = σ(z[offset + j])} for j in [0, length).
     * Element-wise by default; softmax overrides it to normalise over the row.
     */
    default void apply(float[] z, float[] a, int offset, int length) {
        for (int j = offset; j < offset + length; j++) {
            a[j] = value(z[j]);
        }
    }
}
