package dev.backprop.engine.opencl;

import dev.backprop.Activation;
import dev.backprop.Activations;

/**
 * How far a float32 engine may be from the reference engine, element by element.
 *
 * <p>Why a bound that grows with the length of the sum: a float32 sum of K products, in any order
 * and with or without fused multiply-adds, satisfies |fl(Σ) − Σ| ≤ γ_K Σ_k |a_k b_k| with
 * γ_K = K·u / (1 − K·u) and u = 2⁻²⁴ (Higham, Accuracy and Stability of Numerical Algorithms,
 * 2nd ed., §3.1, eq. 3.5; an fma only removes roundings). The reference sums in index order, the
 * OpenCL kernels in blocks with fmas; each is within γ_K S of the exact value (S = Σ|a_k b_k|,
 * computed here in double from the inputs), so they are within 2 γ_K S of each other. This is a
 * proven bound, so the tests cannot flake, and it is tight where it matters: a wrong index or a
 * missing transpose changes a result by about S/√K, a dropped σ′ or 1/m by a factor, while
 * 2 γ_K S is S·K·1.2e-7 (S·9e-5 for K = 784).
 *
 * <p>After the sum come functions of one value: OpenCL allows exp 3 ulp, tanh 5 ulp and (without
 * -cl-fp32-correctly-rounded-divide-sqrt) a division 2.5 ulp, so σ on the device is within about
 * 8 ulp (relative) of the exact value, and σ′ = σ(1−σ) or 1 − tanh² within 16 u absolute (σ ≤ 1).
 * A result's error from an input error Δz is at most L·Δz, L the Lipschitz constant of σ.
 *
 * <p>Activations and costs are compared with the enum constants ({@code Activations.SIGMOID}),
 * not the interface's ({@code Activations.SIGMOID}): the interface constants are null when the
 * enum happens to be initialised first (a class-initialisation cycle in api, reported).
 */
final class Tolerance {
    /** The unit roundoff of float32. */
    static final double U = 0x1p-24;
    /** σ's own error on the device, relative (8 ulp ≈ 8 u), doubled to cover the reference's rounding too. */
    static final double FUNCTION = 16 * U;
    /** Below float32's normal range results may flush to zero on some devices. */
    static final double TINY = 1e-37;

    private Tolerance() {
    }

    /** γ_K. */
    static double gamma(int k) {
        return k * U / (1 - k * U);
    }

    /** Two float32 sums of K terms whose absolute values add up to {@code s}. */
    static double sum(int k, double s) {
        return 2 * gamma(k) * s;
    }

    /** The Lipschitz constant of σ: |σ(a) − σ(b)| ≤ L |a − b|. */
    static double lipschitz(Activation f) {
        return f == Activations.SIGMOID ? 0.25 : 1.0;
    }

    /** The absolute error of σ′ on the device (0 where σ′ is exact: ReLU, identity). */
    static double derivativeError(Activation f) {
        return f == Activations.SIGMOID || f == Activations.TANH ? FUNCTION : 0;
    }
}
