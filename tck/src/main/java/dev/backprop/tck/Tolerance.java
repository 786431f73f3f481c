package dev.backprop.tck;

/**
 * How far a float32 engine may be from the double-precision oracle, and why.
 *
 * <p>Every output of the SPI is a short chain of float32 operations on float32 inputs: a sum of
 * k products (Eq. 25, BP2, BP3, BP4), then an element-wise function (σ, σ′, the cost's BP1).
 * The kit does not assume any summation order (engines block, vectorise and split sums across
 * threads), so it uses the bound that holds for every order (Higham, <i>Accuracy and Stability
 * of Numerical Algorithms</i>, §3.1 and §4.2): a float sum of k terms t_i differs from the exact
 * sum by at most γ_k Σ|t_i|, with γ_k = kε / (1 − kε) and ε = 2⁻²⁴ the unit roundoff of float32
 * (fused multiply-adds only tighten it). The oracle computes Σ|t_i| in double next to the value,
 * so every element gets its own bound:
 *
 * <pre>
 *   sum of k products:   tol = γ_{k+1} · Σ|t_i| + 2ε|v|        (the +1 and 2ε|v|: the bias or 1/m, and a final rounding)
 *   σ(z) after a sum:    tol = L · tol_z + 8ε|σ(z)| + ε_min        (L = 1 ≥ |σ′| of every built-in; 8 ulps for exp/tanh)
 *   ⊙ σ′(z):             tol = |σ′| tol_s + |s| · 8ε + 2ε|v|       (σ′ ∈ [0, 1] is computed to a few ε absolute)
 *   BP1, element-wise:   tol = 16ε (|a − y| + |δ|) + ε_min
 *   SGD step:            tol = 4ε (|(1 − decay) p| + |η g|) + ε_min
 *   mean cost:           tol = (γ_n + 16ε) · Σ|c_x| / m          (each log or square to a few ulps)
 * </pre>
 *
 * with ε_min = 2⁻¹²⁶ so that exact zeros compare. These are worst-case bounds, so a correct
 * engine sits far inside them (the reference engine uses at most a few percent of them) while a
 * wrong index, a missing transpose, a dropped σ′ or a missing 1/m moves a value by about its own
 * magnitude, thousands of times the bound. The kit's own tests plant such bugs and check that
 * every one is caught.
 *
 * <p>Whole-network checks chain these bounds through the layers in first order (an error in z
 * moves a by at most |σ′| ≤ 1 times it, and σ′ by at most |σ″| ≤ 1 times it, for every built-in)
 * and multiply the result by {@link #CHAIN_SAFETY}, because second-order terms are dropped.
 */
public final class Tolerance {
    /** Unit roundoff of float32. */
    public static final double EPSILON = 0x1p-24;
    /** The smallest normal float; lets exact zeros and denormal noise compare equal. */
    public static final double TINY = 0x1p-126;
    /** Factor on first-order error chains through several layers. */
    public static final double CHAIN_SAFETY = 4;

    private Tolerance() {
    }

    /** γ_k = kε / (1 − kε): the relative bound of a k-term float sum in any order. */
    public static double gamma(int k) {
        double ke = k * EPSILON;
        return ke / (1 - ke);
    }

    /** The bound of a sum of k products whose absolute values sum to {@code absoluteSum}, with value v. */
    public static double ofSum(int k, double absoluteSum, double value) {
        return gamma(k + 1) * absoluteSum + 2 * EPSILON * Math.abs(value) + TINY;
    }
}
