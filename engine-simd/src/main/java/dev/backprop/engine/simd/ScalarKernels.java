package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.Platform.FMA;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;

/**
 * The engine's cold path: plain scalar loops that compute, element by element, the very same
 * operations in the same order as the vector kernels, lane by lane, so that they give the same
 * bits. The engine runs them until C2 has compiled the vector kernels ({@link Warmup}).
 *
 * <p>Why: before C2 compiles it, the Vector API is interpreted or C1 code that boxes every vector
 * into a heap object, some three hundred times slower than compiled (Eq. 25 of the book's first
 * layer for ten examples: 70–90 ms interpreted, 1.3–2.4 ms from C1, 4 µs from C2), and C2
 * needs thousands of calls to decide and then some 100 ms per kernel to compile. Plain loops cost
 * some 20 ns an element interpreted and well under 1 ns from C1, so a program's first gradient
 * and its first epoch no longer wait for the JIT.
 *
 * <p>Each method names the kernel it mirrors; the comments there say why the vector code is as it
 * is, here only what each lane computes. {@code madd} is the kernels' multiply-add: one fused
 * operation where the JIT has FMA ({@link Platform#FMA}), else a product and a sum.
 */
final class ScalarKernels {
    /** The lanes of the vector kernels: a dot product's partial sums follow them. */
    private static final int L = MicroKernels.L;

    private ScalarKernels() {
    }

    private static float madd(float x, float y, float acc) {
        return FMA ? Math.fma(x, y, acc) : x * y + acc;
    }

    /**
     * {@link Gemm}'s direct path on C[i0, i1) × [j0, j1), its finish included, as
     * {@code Gemm.directProduct} decides: BP4's 1/m applied as each sum is stored, BP4 fused with
     * the update in place of a finish, every other finish after the sums.
     */
    static void directProduct(int shape, float[] a, float[] b, float[] c, int m, int n, int k, int i0, int i1, int j0,
            int j1, Finish finish) {
        Finish.Descend descend = shape == Gemm.TN && finish instanceof Finish.Descend d ? d : null;
        float scale = descend != null ? descend.inverseCount : finish.storedScale();
        boolean scaled = !Float.isNaN(scale) && shape != Gemm.NT;
        switch (shape) {
            case Gemm.NT -> {
                float[] lanes = new float[L];
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        c[i * n + j] = dot(a, i * k, b, j * k, k, lanes);
                    }
                }
            }
            case Gemm.NN -> broadcastProducts(a, k, 1, b, c, n, k, i0, i1, j0, j1, scaled ? scale : 1f);
            default -> {
                if (descend != null) {
                    broadcastProductsAndDescend(a, m, b, c, n, k, i0, i1, j0, j1, descend);
                } else {
                    broadcastProducts(a, 1, m, b, c, n, k, i0, i1, j0, j1, scaled ? scale : 1f);
                }
            }
        }
        if (!scaled) {
            finish.coldRows(c, n, i0, i1, j0, j1);
        }
    }

    /**
     * {@link DotKernels}' element: lane l sums the terms t ≡ l (mod L) in order (a partial last
     * step adds 0·0 in the lanes past k), then lanes are added in pairs l, l ^ h for h = L/2 … 1.
     */
    static float dot(float[] a, int ao, float[] b, int bo, int k, float[] lanes) {
        java.util.Arrays.fill(lanes, 0f);
        int t = 0;
        for (; t + L <= k; t += L) {
            for (int l = 0; l < L; l++) {
                lanes[l] = madd(a[ao + t + l], b[bo + t + l], lanes[l]);
            }
        }
        if (t < k) {
            for (int l = 0; l < L; l++) {
                boolean in = t + l < k;
                lanes[l] = madd(in ? a[ao + t + l] : 0f, in ? b[bo + t + l] : 0f, lanes[l]);
            }
        }
        for (int h = L / 2; h >= 1; h >>= 1) {
            for (int l = 0; l < L; l++) {
                if ((l & h) == 0) {
                    float s = lanes[l] + lanes[l | h];
                    lanes[l] = s;
                    lanes[l | h] = s;
                }
            }
        }
        return lanes[0];
    }

    /**
     * {@link BroadcastKernels#broadcastProducts}: c[i·n + j] = scale · Σ_{t<k} A(i, t)·b[t·n + j],
     * the sum from zero in t order, A(i, t) = a[i·rowStride + t·colStride]. Row by row, t outside:
     * each element still takes its terms in order.
     */
    static void broadcastProducts(float[] a, int rowStride, int colStride, float[] b, float[] c, int n, int k, int i0,
            int i1, int j0, int j1, float scale) {
        for (int i = i0; i < i1; i++) {
            int row = i * n;
            for (int j = j0; j < j1; j++) {
                c[row + j] = 0f;
            }
            for (int t = 0; t < k; t++) {
                float x = a[i * rowStride + t * colStride];
                int bt = t * n;
                for (int j = j0; j < j1; j++) {
                    c[row + j] = madd(x, b[bt + j], c[row + j]);
                }
            }
            for (int j = j0; j < j1; j++) {
                c[row + j] *= scale;
            }
        }
    }

    /**
     * {@link BroadcastKernels#broadcastProductsAndDescend} with BP4's layout: w ← (1 − decay)·w
     * (w as it is without decay: w·1 = w) − eta·g, g = scale · Σ. Like the kernels, c receives
     * g only outside the blocks of six rows × four vectors, which update w from registers.
     */
    private static void broadcastProductsAndDescend(float[] a, int m, float[] b, float[] c, int n, int k, int i0, int i1,
            int j0, int j1, Finish.Descend d) {
        float scale = d.inverseCount;
        int wide = BroadcastKernels.wideEnd(j0, j1);
        int blockEnd = i0 + BroadcastKernels.descendRows(i0, i1, j0, wide);
        float keep = 1 - d.decay;
        float[] w = d.weights;
        for (int i = i0; i < blockEnd; i++) {
            for (int j = j0; j < wide; j++) {
                float g = 0f;
                for (int t = 0; t < k; t++) {
                    g = madd(a[i + t * m], b[t * n + j], g);
                }
                int o = i * n + j;
                float kept = d.decay != 0 ? w[o] * keep : w[o];
                w[o] = kept - g * scale * d.eta;
            }
        }
        if (wide < j1 && blockEnd > i0) {
            broadcastProducts(a, 1, m, b, c, n, k, i0, blockEnd, wide, j1, scale);
            for (int i = i0; i < blockEnd; i++) {
                update(w, c, d.eta, d.decay, i * n + wide, i * n + j1);
            }
        }
        if (blockEnd < i1) {
            broadcastProducts(a, 1, m, b, c, n, k, blockEnd, i1, j0, j1, scale);
            for (int i = blockEnd; i < i1; i++) {
                update(w, c, d.eta, d.decay, i * n + j0, i * n + j1);
            }
        }
    }

    /** {@link ElementWise#update}: p ← (1 − decay)·p − eta·g, two products and a difference. */
    static void update(float[] p, float[] g, float eta, float decay, int from, int to) {
        float keep = 1 - decay;
        for (int i = from; i < to; i++) {
            p[i] = p[i] * keep - g[i] * eta;
        }
    }

    /** {@link ElementWise#columnMeans}: rows added in order from zero, then times 1/m. */
    static void columnMeans(float[] delta, int m, int width, float[] g, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            g[j] = 0f;
        }
        for (int x = 0; x < m; x++) {
            int row = x * width;
            for (int j = j0; j < j1; j++) {
                g[j] = g[j] + delta[row + j];
            }
        }
        float inverse = 1f / m;
        for (int j = j0; j < j1; j++) {
            g[j] *= inverse;
        }
    }

    /** {@link ElementWise#outputError}. */
    static void outputError(Cost c, Activation f, float[] a, float[] z, float[] y, float[] delta) {
        int n = delta.length;
        if (c == Costs.QUADRATIC && f instanceof Activations builtin && f.isElementwise()) {
            for (int i = 0; i < n; i++) {
                delta[i] = a[i] - y[i];
            }
            multiplyByDerivative(builtin, delta, z, 0, n);
        } else if (c == Costs.CROSS_ENTROPY && f == Activations.SIGMOID
                || c == Costs.LOG_LIKELIHOOD && f == Activations.SOFTMAX) {
            for (int i = 0; i < n; i++) {
                delta[i] = a[i] - y[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                delta[i] = c.outputError(a[i], y[i], z[i], f);
            }
        }
    }

    /** {@link ElementWise#addInPlace}. */
    static void addInPlace(float[] c, int co, float[] b, int bo, int n) {
        for (int t = 0; t < n; t++) {
            c[co + t] = c[co + t] + b[bo + t];
        }
    }

    /** {@link ElementWise#scaleInPlace}. */
    static void scaleInPlace(float[] c, int co, int n, float factor) {
        for (int t = 0; t < n; t++) {
            c[co + t] *= factor;
        }
    }

    /**
     * {@link VectorActivations#activate}: a = σ(z). Returns n, so that the choice is a switch
     * expression that javac checks names every constant (see {@link VectorActivations#activate}).
     */
    static int activate(Activations f, float[] z, int zo, float[] a, int ao, int n) {
        return switch (f) {
            case SIGMOID -> sigmoid(z, zo, a, ao, n);
            case TANH -> tanh(z, zo, a, ao, n);
            case RELU -> relu(z, zo, a, ao, n);
            case IDENTITY -> {
                System.arraycopy(z, zo, a, ao, n);
                yield n;
            }
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    private static int sigmoid(float[] z, int zo, float[] a, int ao, int n) {
        for (int t = 0; t < n; t++) {
            a[ao + t] = 1f / (exp(-z[zo + t]) + 1f);
        }
        return n;
    }

    private static int tanh(float[] z, int zo, float[] a, int ao, int n) {
        for (int t = 0; t < n; t++) {
            a[ao + t] = tanh(z[zo + t]);
        }
        return n;
    }

    private static int relu(float[] z, int zo, float[] a, int ao, int n) {
        for (int t = 0; t < n; t++) {
            float x = z[zo + t];
            a[ao + t] = x > 0f ? x : 0f;
        }
        return n;
    }

    /** {@link VectorActivations#multiplyByDerivative}: d = d · σ′(z). Returns n; see {@link #activate}. */
    static int multiplyByDerivative(Activations f, float[] d, float[] z, int o, int n) {
        return switch (f) {
            case SIGMOID -> sigmoidDerivative(d, z, o, n);
            case TANH -> tanhDerivative(d, z, o, n);
            case RELU -> reluDerivative(d, z, o, n);
            case IDENTITY -> n; // σ′ = 1: d · 1 is d.
            case SOFTMAX -> throw new IllegalArgumentException("softmax has no element-wise derivative");
        };
    }

    private static int sigmoidDerivative(float[] d, float[] z, int o, int n) {
        for (int t = o; t < o + n; t++) {
            float s = 1f / (exp(-z[t]) + 1f);
            d[t] = d[t] * (s * (1f - s));
        }
        return n;
    }

    private static int tanhDerivative(float[] d, float[] z, int o, int n) {
        for (int t = o; t < o + n; t++) {
            float h = tanh(z[t]);
            d[t] = d[t] * (1f - h * h);
        }
        return n;
    }

    private static int reluDerivative(float[] d, float[] z, int o, int n) {
        for (int t = o; t < o + n; t++) {
            d[t] = d[t] * (z[t] > 0f ? 1f : 0f);
        }
        return n;
    }

    /** {@link VectorActivations#softmax}. */
    static void softmax(float[] z, float[] a, int o, int n) {
        float top = max(z, o, n);
        for (int t = 0; t < n; t++) {
            a[o + t] = exp(z[o + t] - top);
        }
        normalize(a, o, n);
    }

    /** The largest of z[o, o + n): softmax subtracts it before e^x (the api's order). */
    static float max(float[] z, int o, int n) {
        float top = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            top = Math.max(top, z[o + t]);
        }
        return top;
    }

    /** a[o, o + n) divided by its sum, taken in double in index order and inverted once (the api's order). */
    static void normalize(float[] a, int o, int n) {
        double sum = 0;
        for (int t = 0; t < n; t++) {
            sum += a[o + t];
        }
        float inverse = (float) (1.0 / sum);
        for (int t = 0; t < n; t++) {
            a[o + t] *= inverse;
        }
    }

    /** {@link VectorMath#exp}, one lane. */
    static float exp(float x) {
        float c = x < VectorMath.LOW ? VectorMath.LOW : x;
        c = c > VectorMath.HIGH ? VectorMath.HIGH : c;
        float shifted = c * VectorMath.LOG2E + VectorMath.ROUND;
        float n = shifted - VectorMath.ROUND;
        float r = c - n * VectorMath.C1 - n * VectorMath.C2;
        float p = r * 1.9875691500E-4f + 1.3981999507E-3f;
        p = p * r + 8.3334519073E-3f;
        p = p * r + 4.1665795894E-2f;
        p = p * r + 1.6666665459E-1f;
        p = p * r + 5.0000001201E-1f;
        p = p * (r * r) + r + 1f;
        int field = Float.floatToRawIntBits(shifted) - (VectorMath.ROUND_BITS - 126);
        float half = Float.intBitsToFloat(field << 23);
        float e = p * half * 2f;
        return x > VectorMath.HIGH ? Float.POSITIVE_INFINITY : e;
    }

    /** {@link VectorMath#tanh}, one lane. */
    static float tanh(float x) {
        float ax = Math.abs(x);
        float big = 1f - 2f / (exp(ax + ax) + 1f);
        big = x < 0f ? -big : big;
        float z = x * x;
        float p = z * -5.70498872745E-3f + 2.06390887954E-2f;
        p = p * z + -5.37397155531E-2f;
        p = p * z + 1.33314422036E-1f;
        p = p * z + -3.33332819422E-1f;
        float small = p * z * x + x;
        return ax < 0.625f ? small : big;
    }
}
