package dev.backprop;

/**
 * The penalty on the weights of the regularised cost (chapter 3): L2, C = C₀ + (λ/2n) Σ w²
 * (Eq. 85), and L1, C = C₀ + (λ₁/n) Σ |w| (Eq. 95), with n the size of the training set. Biases are
 * never penalised. Its gradient terms are (λ/n)·w and (λ₁/n)·sgn(w) with sgn(0) = 0 (Eq. 87, 96).
 *
 * <pre>{@code
 * Regularization r = new Regularization(5.0, 0, training.size());     // chapter 3's L2
 * bp.step(0.5, r);
 * }</pre>
 *
 * @param lambda λ of L2, finite and at least 0
 * @param lambda1 λ₁ of L1, finite and at least 0
 * @param trainingSize n, at least 1
 */
public record Regularization(double lambda, double lambda1, int trainingSize) {
    /** No penalty. */
    public static final Regularization NONE = new Regularization(0, 0, 1);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if λ or λ₁ is negative or not finite, or n below 1
     */
    public Regularization {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("the L2 parameter λ must be finite and ≥ 0, got " + lambda);
        }
        if (!(lambda1 >= 0) || !Double.isFinite(lambda1)) {
            throw new IllegalArgumentException("the L1 parameter λ₁ must be finite and ≥ 0, got " + lambda1);
        }
        if (trainingSize < 1) {
            throw new IllegalArgumentException("the training set size n must be at least 1, got " + trainingSize);
        }
    }

    /**
     * Eq. 93's factor for plain SGD: each step multiplies the weights by 1 − ηλ/n.
     *
     * @param eta η of the step
     * @return ηλ/n, computed in double as (η·λ)/n and rounded once
     */
    public float decay(double eta) {
        return (float) (eta * lambda / trainingSize);
    }

    /**
     * The L2 term's coefficient in the gradient, λ/n.
     *
     * @return λ/n as a float
     */
    public float l2() {
        return (float) (lambda / trainingSize);
    }

    /**
     * The L1 term's coefficient in the gradient, λ₁/n.
     *
     * @return λ₁/n as a float
     */
    public float l1() {
        return (float) (lambda1 / trainingSize);
    }

    /**
     * The penalty itself, for the monitored cost: (λ/2n) Σ w² + (λ₁/n) Σ |w|.
     *
     * @param parameters the weights to measure
     * @return the penalty in double
     */
    public double penalty(Parameters parameters) {
        double l2 = lambda == 0 ? 0 : 0.5 * lambda / trainingSize * parameters.sumOfSquaredWeights();
        double l1 = lambda1 == 0 ? 0 : lambda1 / trainingSize * parameters.sumOfAbsoluteWeights();
        return l2 + l1;
    }

    /** "L2 λ = 5.0, L1 λ₁ = 0.0, n = 50000". */
    @Override
    public String toString() {
        return "L2 λ = " + lambda + ", L1 λ₁ = " + lambda1 + ", n = " + trainingSize;
    }
}
