package dev.backprop;

import dev.backprop.internal.Ids;

/**
 * The built-in activations: {@code Network.builder(784).layer(30, Activations.SIGMOID)}.
 * Engines may recognise these constants and run specialised kernels for them; the numbers must
 * stay those of {@link #value} and {@link #derivative}.
 *
 * <p>{@link #SOFTMAX} (e^{z_j} / Σ_k e^{z_k} over one example's outputs) is not element-wise, so
 * it is legal only in the output layer and only with {@link Costs#LOG_LIKELIHOOD}, where BP1
 * reduces to δ = a − y. {@link #RELU}'s σ′ is taken as 0 at the kink z = 0.
 */
public enum Activations implements Activation {
    /**
     * The sigmoid σ(z) = 1 / (1 + e^{−z}) of chapter 1, with σ′(z) = σ(z)(1 − σ(z)). Evaluated in
     * double and rounded once to float, so it is exactly 1 for z above about 17 (25 ln 2).
     */
    SIGMOID("sigmoid") {
        @Override
        public float value(float z) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }

        @Override
        public float derivative(float z) {
            // σ′(z) = σ(z)(1 − σ(z)): the book's sigmoid_prime.
            float s = value(z);
            return s * (1 - s);
        }
    },
    /** The hyperbolic tangent of chapter 3, outputs in (−1, 1), with σ′(z) = 1 − tanh² z. */
    TANH("tanh") {
        @Override
        public float value(float z) {
            return (float) Math.tanh(z);
        }

        @Override
        public float derivative(float z) {
            float t = value(z);
            return 1 - t * t;
        }
    },
    /**
     * The rectified linear unit σ(z) = max(0, z) of chapter 3, with σ′(z) = 1 for z &gt; 0 and 0
     * otherwise (the subgradient 0 at the kink).
     */
    RELU("relu") {
        @Override
        public float value(float z) {
            return z > 0 ? z : 0f;
        }

        @Override
        public float derivative(float z) {
            // The kink at 0 gets the subgradient 0, the convention of PyTorch and TensorFlow.
            return z > 0 ? 1f : 0f;
        }
    },
    /** σ(z) = z, σ′(z) = 1: a linear layer, such as the output layer of a regression. */
    IDENTITY("identity") {
        @Override
        public float value(float z) {
            return z;
        }

        @Override
        public float derivative(float z) {
            return 1f;
        }
    },
    /**
     * Softmax a_j = e^{z_j} / Σ_k e^{z_k} over one example's outputs (Eq. 78), computed with the
     * row maximum subtracted so that no exponent overflows. Only {@link #apply} is defined:
     * {@link #value} and {@link #derivative} throw {@link UnsupportedOperationException}, and the
     * network builder accepts it only in the output layer with {@link Costs#LOG_LIKELIHOOD}.
     */
    SOFTMAX("softmax") {
        @Override
        public float value(float z) {
            throw new UnsupportedOperationException(
                    "softmax normalises over a whole output row; call apply(z, a, offset, length)");
        }

        @Override
        public float derivative(float z) {
            throw new UnsupportedOperationException(
                    "softmax has no element-wise derivative (its Jacobian is not diagonal); it is only "
                            + "legal in the output layer with the log-likelihood cost, where δ = a − y");
        }

        @Override
        public boolean isElementwise() {
            return false;
        }

        @Override
        public void apply(float[] z, float[] a, int offset, int length) {
            // Subtracting the row maximum keeps every exponent ≤ 0, so e^z never overflows;
            // the quotient is unchanged. The sum runs in double, in index order (deterministic).
            float max = Float.NEGATIVE_INFINITY;
            for (int j = offset; j < offset + length; j++) {
                max = Math.max(max, z[j]);
            }
            double sum = 0;
            for (int j = offset; j < offset + length; j++) {
                float e = (float) Math.exp(z[j] - max);
                a[j] = e;
                sum += e;
            }
            float inverse = (float) (1.0 / sum);
            for (int j = offset; j < offset + length; j++) {
                a[j] *= inverse;
            }
        }
    };

    private final String id;

    Activations(String id) {
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
     * The built-in whose {@link #id()} is {@code id}, ignoring case: how model files and the
     * command line name activations.
     *
     * <pre>{@code
     * Activation f = Activations.byId("ReLU");     // RELU
     * }</pre>
     *
     * @param id a built-in's id, such as {@code "sigmoid"} or {@code "softmax"}, in any case
     * @return the built-in with that id
     * @throws IllegalArgumentException naming the built-ins when none has that id
     */
    public static Activations byId(String id) {
        return Ids.find(values(), Activations::id, builtin -> builtin.equalsIgnoreCase(id)).orElseThrow(
                () -> new IllegalArgumentException("unknown activation '" + id + "'; the built-ins are "
                        + Ids.list(values(), Activations::id, ", ")));
    }
}
