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
 * with ε_min = 2⁻¹²⁶ so that exact zeros compare. These are worst-case bounds, yet a correct
 * engine uses a good part of them where a sum cancels or a product is rounded twice: measured,
 * the largest share of its tolerance any element used, per rule (the same on the reference, SIMD
 * and OpenCL engines to the digits shown unless two are given):
 *
 * <pre>
 *   SGD + L2                             0.53   update 300×100, η 3, decay 0.1: float rounds 1 − decay, keep·p and η·g,
 *                                               then keep·p − η·g cancels
 *   batch sizes on one engine            0.50   its update with decay
 *   rewritten matrices                   0.43   its update with decay
 *   fused step (BP4 + Eq. 93)            0.42
 *   Eq. 25                               0.41 – 0.42
 *   BP4                                  0.27 – 0.37
 *   closing one instance of several      0.35   its update with decay
 *   equal dimensions                     0.30
 *   BP3                                  0.21 – 0.30
 *   BP2                                  0.18 – 0.26
 *   SGD                                  0.25
 *   saturation                           0.15 – 0.25
 *   same matrix twice                    0.19   update(p, p)
 *   SGD steps, equal widths, sessions    0.035 – 0.12   (chains through layers × {@link #CHAIN_SAFETY})
 *   whole networks                       0.004 – 0.010
 *   BP1                                  0.09
 *   mean cost                            below 0.001
 * </pre>
 *
 * <p>(Measured with {@code java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED
 * -cp … dev.backprop.tck.TckMain --engine ref|simd|opencl --report tck.json}, simd also with
 * {@code -XX:MaxVectorSize=32} and {@code -XX:UseAVX=0}, on an AVX-512 Xeon with 2 threads and
 * PoCL; every run's report gives these shares, and where each was seen, as
 * {@code maxToleranceUsed} and {@code largestShareAt}.) So the bound is not loose by orders of
 * magnitude: half of it would fail the update of every engine here. A wrong index, a missing
 * transpose, a dropped σ′ or a missing 1/m moves a value by about its own magnitude, thousands of
 * times the bound; the kit's own tests plant such bugs and check that every one is caught.
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

    /**
     * γ_k = kε / (1 − kε): the relative bound of a k-term float sum in any order.
     *
     * @param k the number of terms, below 2²⁴ (kε &lt; 1)
     * @return γ_k, to multiply by Σ|t_i|
     */
    public static double gamma(int k) {
        double ke = k * EPSILON;
        return ke / (1 - ke);
    }

    /**
     * The bound of a sum of k products and one more term (a bias, or the rounding of 1/m), in any
     * order: the first line of the table above.
     *
     * @param k the number of products, such as in for Eq. 25 or m for BP3 and BP4
     * @param absoluteSum Σ|t_i| of the terms, computed in double
     * @param value the exact sum v, for the final rounding
     * @return γ_{k+1} · Σ|t_i| + 2ε|v| + ε_min
     */
    public static double ofSum(int k, double absoluteSum, double value) {
        return gamma(k + 1) * absoluteSum + 2 * EPSILON * Math.abs(value) + TINY;
    }
}
