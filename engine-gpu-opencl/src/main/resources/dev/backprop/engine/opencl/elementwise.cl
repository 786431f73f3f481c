// Element-wise steps: BP1 and the SGD step. One work-item per element; the global size is
// rounded up to whole work-groups, so each kernel checks its index against n.
#pragma OPENCL FP_CONTRACT OFF

// BP1: δ^L = ∇_a C ⊙ σ′(z^L), with the two pairs whose σ′ cancels, as Costs.outputError in the
// api computes it (Eq. 66 for cross-entropy with sigmoid, Eq. 81-82 for log-likelihood with softmax).
__kernel void output_error(int cost, int act, const __global float* a, const __global float* z,
                           const __global float* y, __global float* delta, int n) {
    const int i = get_global_id(0);
    if (i >= n) {
        return;
    }
    const float ai = a[i];
    const float yi = y[i];
    float d;
    if ((cost == COST_CROSS_ENTROPY && act == ACT_SIGMOID) || (cost == COST_LOG_LIKELIHOOD && act == ACT_SOFTMAX)) {
        d = ai - yi;                                            // Eq. 66; Eq. 81-82
    } else if (cost == COST_QUADRATIC) {
        d = (ai - yi) * sigma_prime(act, z[i]);                 // ∂C/∂a = a − y
    } else if (cost == COST_CROSS_ENTROPY) {
        d = (ai - yi) / (ai * (1.0f - ai)) * sigma_prime(act, z[i]);
    } else if (cost == COST_LOG_LIKELIHOOD) {
        d = -yi / ai * sigma_prime(act, z[i]);                  // ∂C/∂a = −y/a
    } else {
        d = NAN;                                                // a cost without a formula here
    }
    delta[i] = d;
}

// Eq. 93: p ← keep · p − η · g with keep = 1 − ηλ/n (rounded on the host, as Java rounds 1 − decay).
__kernel void update(__global float* p, const __global float* g, float keep, float eta, int n) {
    const int i = get_global_id(0);
    if (i < n) {
        p[i] = keep * p[i] - eta * g[i];
    }
}

// Chapter 3's steps, each HostSteps' formula in the api with the same operations in the same
// order (FP_CONTRACT OFF: no fused multiply-add), so a CPU device gives the reference's bits.

// Eq. 87 and Eq. 96: g ← g + l2·w + l1·sgn(w), sgn as Java's Math.signum (±0 and NaN are their own).
__kernel void regularize(__global float* g, const __global float* w, float l2, float l1, int n) {
    const int i = get_global_id(0);
    if (i < n) {
        const float wi = w[i];
        const float s = wi > 0.0f ? 1.0f : (wi < 0.0f ? -1.0f : wi);
        g[i] = g[i] + l2 * wi + l1 * s;
    }
}

// The book's momentum: v ← μv − ηg, w ← w + v; Nesterov: w ← w + μv − ηg with the new v.
__kernel void momentum_step(__global float* w, const __global float* g, __global float* v, float eta, float mu,
                            int nesterov, int n) {
    const int i = get_global_id(0);
    if (i < n) {
        const float step = eta * g[i];
        const float velocity = mu * v[i] - step;
        v[i] = velocity;
        w[i] = nesterov ? w[i] + mu * velocity - step : w[i] + velocity;
    }
}

// Adam (Kingma and Ba), the bias corrections folded into step_size = η/(1 − β₁^t) and
// correction2 = √(1 − β₂^t), both rounded on the host; keep = 1 − decay for AdamW.
__kernel void adam_step(__global float* w, const __global float* g, __global float* m, __global float* v, float beta1,
                        float beta2, float epsilon, float step_size, float correction2, float keep, int n) {
    const int i = get_global_id(0);
    if (i < n) {
        const float gi = g[i];
        const float mi = beta1 * m[i] + (1.0f - beta1) * gi;
        const float vi = beta2 * v[i] + (1.0f - beta2) * (gi * gi);
        m[i] = mi;
        v[i] = vi;
        w[i] = keep * w[i] - step_size * mi / (sqrt(vi) / correction2 + epsilon);
    }
}

// RMSProp: r ← ρr + (1 − ρ)g², w ← w − ηg / (√r + ε).
__kernel void rmsprop_step(__global float* w, const __global float* g, __global float* r, float eta, float rho,
                           float epsilon, int n) {
    const int i = get_global_id(0);
    if (i < n) {
        const float gi = g[i];
        const float ri = rho * r[i] + (1.0f - rho) * (gi * gi);
        r[i] = ri;
        w[i] = w[i] - eta * gi / (sqrt(ri) + epsilon);
    }
}

// Dropout: x ← x ⊙ r, on a^l after Eq. 25 and on δ^l after BP2.
__kernel void dropout(__global float* x, const __global float* mask, int n) {
    const int i = get_global_id(0);
    if (i < n) {
        x[i] = x[i] * mask[i];
    }
}
