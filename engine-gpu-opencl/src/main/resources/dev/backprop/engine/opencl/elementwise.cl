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
