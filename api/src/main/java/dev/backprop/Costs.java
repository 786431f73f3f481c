package dev.backprop;

import dev.backprop.internal.Ids;

import java.util.Optional;

/**
 * The book's three costs: quadratic (chapter 1, BP1 δ = (a − y) ⊙ σ′(z)), cross-entropy
 * (chapter 3; with sigmoid outputs BP1 reduces to δ = a − y, Eq. 66) and log-likelihood (with a
 * softmax output layer, δ = a − y). Engines may recognise these constants and fuse BP1; the numbers must
 * stay those of {@link #value} and {@link #outputError}.
 *
 * <p>Logarithms of outputs that float32 rounded to exactly 0 or 1 are taken at the nearest value
 * float32 can resolve ({@link Float#MIN_VALUE} and 1 − 2⁻²⁴), so the cost stays finite and a
 * lower bound of the exact one; 0 · ln 0 is 0, its limit (network2.py's nan_to_num does the
 * same). A cost that is NaN or infinite therefore always means the parameters blew up.
 */
public enum Costs implements Cost {
    /**
     * The quadratic cost of chapter 1, c(a, y) = ½ (a − y)² per output neuron (so
     * C_x = ½ ‖y − a‖², Eq. 6 without its 1/n), with BP1 δ = (a − y) σ′(z). Legal with any
     * element-wise output activation; learns slowly where a sigmoid output saturates.
     */
    QUADRATIC("quadratic") {
        @Override
        public double value(float a, float y) {
            double d = (double) a - y;
            return 0.5 * d * d;
        }

        @Override
        public float outputError(float a, float y, float z, Activation f) {
            // BP1 with ∇_a C = a − y.
            return (a - y) * f.derivative(z);
        }
    },
    /**
     * The cross-entropy of chapter 3, c(a, y) = −[y ln a + (1 − y) ln(1 − a)], for outputs in
     * (0, 1). With a sigmoid output layer BP1 is δ = a − y (Eq. 66), so learning does not slow
     * down when the output saturates. The network builder refuses it with any other built-in
     * output activation, since tanh, ReLU, identity and softmax do not keep outputs in (0, 1) or
     * define no per-neuron σ′.
     */
    CROSS_ENTROPY("cross-entropy") {
        @Override
        public double value(float a, float y) {
            double c = 0;
            if (y != 0) {
                c -= y * Math.log(Math.max(a, Float.MIN_VALUE));
            }
            if (y != 1) {
                c -= (1.0 - y) * Math.log(Math.max(1.0 - a, LEAST_COMPLEMENT));
            }
            return c;
        }

        @Override
        public float outputError(float a, float y, float z, Activation f) {
            if (f == Activations.SIGMOID) {
                // Eq. 66: σ′(z) = a(1 − a) cancels the denominator of ∂C/∂a.
                return a - y;
            }
            // BP1 in general: ∂C/∂a = (a − y) / (a(1 − a)).
            return (a - y) / (a * (1 - a)) * f.derivative(z);
        }

        @Override
        public Optional<String> incompatibility(Activation output) {
            if (!output.isElementwise()
                    || output instanceof Activations && output != Activations.SIGMOID) {
                return Optional.of("the cross-entropy cost needs outputs in (0, 1), and a "
                        + output.id() + " output layer does not keep them there; use sigmoid"
                        + (output == Activations.SOFTMAX ? " (or softmax with log-likelihood)" : ""));
            }
            return Optional.empty();
        }
    },
    /**
     * The log-likelihood of chapter 3, c(a, y) = −y ln a per output neuron, which for a one-hot
     * target is C_x = −ln a_y (Eq. 80). Meant for a {@link Activations#SOFTMAX} output layer, whose
     * outputs read as probabilities; together BP1 is δ = a − y (Eq. 81–82). The network builder
     * refuses it with any other built-in output activation.
     */
    LOG_LIKELIHOOD("log-likelihood") {
        @Override
        public double value(float a, float y) {
            return y == 0 ? 0 : -y * Math.log(Math.max(a, Float.MIN_VALUE));
        }

        @Override
        public float outputError(float a, float y, float z, Activation f) {
            if (f == Activations.SOFTMAX) {
                // Softmax's Jacobian and ∂C/∂a = −y/a combine to δ = a − y (Eq. 81-82).
                return a - y;
            }
            return -y / a * f.derivative(z);
        }

        @Override
        public Optional<String> incompatibility(Activation output) {
            if (output != Activations.SOFTMAX && output instanceof Activations) {
                return Optional.of("the log-likelihood cost reads the outputs as probabilities that sum "
                        + "to 1; use a softmax output layer, not " + output.id());
            }
            return Optional.empty();
        }
    };

    /** 1 − a for the largest float a below 1: the smallest complement float32 can resolve. */
    private static final double LEAST_COMPLEMENT = 0x1p-24;

    private final String id;

    Costs(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * The built-in whose {@link #id()} is {@code id}, ignoring case and '-' or '_'
     * ({@code "cross_entropy"} finds {@link #CROSS_ENTROPY}): how model files and the command
     * line name costs.
     *
     * @param id a built-in's id, such as {@code "quadratic"}, {@code "cross-entropy"} or
     *     {@code "LOG_LIKELIHOOD"}
     * @return the built-in with that id
     * @throws IllegalArgumentException naming the built-ins when none has that id
     */
    public static Costs byId(String id) {
        String wanted = id.replace("-", "").replace("_", "");
        return Ids.find(values(), Costs::id, builtin -> builtin.replace("-", "").equalsIgnoreCase(wanted)).orElseThrow(
                () -> new IllegalArgumentException("unknown cost '" + id + "'; the built-ins are "
                        + Ids.list(values(), Costs::id, ", ")));
    }
}
