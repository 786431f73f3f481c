// Reductions, each summed by one work-item in index order, so the result does not depend on
// scheduling (no atomics, no tree whose shape follows the work-group size).
#pragma OPENCL FP_CONTRACT OFF

// BP3: ∂C/∂b_j = (1/m) Σ_x δ[x][j]. One work-item per column; neighbours read neighbouring
// addresses of each row, so the loads coalesce. Same order and rounding as the reference.
__kernel void column_means(const __global float* delta, __global float* grad_b, int m, int width) {
    const int j = get_global_id(0);
    if (j >= width) {
        return;
    }
    float sum = 0.0f;
    for (int x = 0; x < m; x++) {
        sum += delta[x * width + j];
    }
    grad_b[j] = sum / (float) m;
}

// Softmax over each row (one example's outputs): subtracting the row's maximum keeps every
// exponent ≤ 0, so e^z cannot overflow; the normaliser is summed in index order.
__kernel void softmax_rows(const __global float* z, __global float* a, int m, int width) {
    const int x = get_global_id(0);
    if (x >= m) {
        return;
    }
    const __global float* zr = z + x * width;
    __global float* ar = a + x * width;
    float max = -INFINITY;
    for (int j = 0; j < width; j++) {
        // Like Java's Math.max: a NaN wins (fmax would drop it and hide a diverged layer).
        const float v = zr[j];
        max = (v > max || isnan(v)) ? v : max;
        if (isnan(max)) {
            break;
        }
    }
    real sum = 0;
    for (int j = 0; j < width; j++) {
        const float e = exp(zr[j] - max);
        ar[j] = e;
        sum += e;
    }
    const float inverse = (float) (REAL(1.0) / sum);
    for (int j = 0; j < width; j++) {
        ar[j] *= inverse;
    }
}

// ln x where x ≥ the smallest value float32 resolves there, else ln of that value
// (as Costs.value in the api: Float.MIN_VALUE for a, 2⁻²⁴ for 1 − a), so the cost stays finite.
// NaN passes.
inline real ln_at_least(real x, real floor_ln) {
    return (x > 0 || isnan(x)) ? log(x) : floor_ln;
}

#define LN_MIN_VALUE REAL(-103.27892990343185)       // ln 2^-149
#define LN_LEAST_COMPLEMENT REAL(-16.635532333438686) // ln 2^-24

// C_x for one output neuron, as Costs.value in the api computes it.
inline real cost_term(int cost, float a, float y) {
    if (cost == COST_QUADRATIC) {
        const real d = (real) a - (real) y;
        return REAL(0.5) * d * d;
    }
    if (cost == COST_CROSS_ENTROPY) {
        real c = 0;
        if (y != 0.0f) {
            c -= (real) y * ln_at_least((real) a, LN_MIN_VALUE);
        }
        if (y != 1.0f) {
            c -= (REAL(1.0) - (real) y) * ln_at_least(REAL(1.0) - (real) a, LN_LEAST_COMPLEMENT);
        }
        return c;
    }
    if (cost == COST_LOG_LIKELIHOOD) {
        return y == 0.0f ? 0 : -(real) y * ln_at_least((real) a, LN_MIN_VALUE);
    }
    return NAN; // a cost without a formula here
}

// The cost, stage 1: Σ_j c(a_xj, y_xj) for each row x. The host reads the m partial sums and
// adds them in row order in double (OpenClEngine.cost), so the result is deterministic.
__kernel void cost_rows(int cost, const __global float* a, const __global float* y, __global real* partial,
                        int m, int width) {
    const int x = get_global_id(0);
    if (x >= m) {
        return;
    }
    real sum = 0;
    for (int j = 0; j < width; j++) {
        sum += cost_term(cost, a[x * width + j], y[x * width + j]);
    }
    partial[x] = sum;
}
