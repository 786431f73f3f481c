// The three matrix products of backpropagation, each fused with the element-wise step that
// follows it, so a product's result is written once and never read back by another kernel:
//   feedforward     Eq. 25   Z = A_in · Wᵀ + 1 bᵀ, A_out = σ(Z)      (an "NT" product)
//   backpropagate   BP2      Δ = (Δ_next · W) ⊙ σ′(Z)                (an "NN" product)
//   weight_gradient BP4      ∂C/∂W = Δᵀ · A_in / m                   (a "TN" product)
//
// Blocking (TILE, TK, R come from the build; see Tile.java): a work-group computes a
// TILE × TILE block of the result with (TILE/R)² work-items, each holding R × R sums in
// registers. The k-loop walks TK at a time; both operands' TK-deep slices are staged in local
// memory, where each element is reused TILE/R times instead of being fetched from global memory
// again. Partial blocks at the edges load zeros and skip their stores, so any size works,
// 1 and primes included.
//
// Determinism: every result element is one work-item's sum over k = 0, 1, …, K−1 in that
// order, whatever the scheduling; no atomics, no cross-work-item reduction.
//
// FP_CONTRACT ON (the OpenCL default, stated because common.cl turns it off): acc + a·b may
// become one fused multiply-add. On GPUs that is one instruction instead of two, doubling the
// products' peak rate, and it rounds once instead of twice. Results differ from the reference
// engine's in the last bits; the tests hold both to the error bound of a float32 sum.
#pragma OPENCL FP_CONTRACT ON

#define GROUP_DIM (TILE / R)
#define GROUP_SIZE (GROUP_DIM * GROUP_DIM)
#define LOADS (TILE * TK / GROUP_SIZE)
// One float of padding per row of a staged slice: the transposing stores below then hit
// different local-memory banks instead of one.
#define PITCH (TILE + 1)

// Element e of a work-group's share of one TK-deep slice of a strided operand: X(t, k) =
// x[t·st + k·sk] for t = t0 + 0..TILE−1 of T, k = k0 + 0..TK−1 of K, stored as xs[k][t] (zero
// outside the matrix). With k_fastest, neighbouring e take neighbouring k, otherwise
// neighbouring t: the caller picks whichever is contiguous in global memory.
inline void stage(const __global float* x, int st, int sk, int t0, int T, int k0, int K, bool k_fastest, int e,
                  __local float* xs) {
    int t, k;
    if (k_fastest) {
        t = e / TK;
        k = e % TK;
    } else {
        k = e / TILE;
        t = e % TILE;
    }
    const int gt = t0 + t;
    const int gk = k0 + k;
    xs[k * PITCH + t] = (gt < T && gk < K) ? x[gt * st + gk * sk] : 0.0f;
}

// acc[r][c] = Σ_k A(i, k) · B(k, j) for this work-item's rows i = i0 + ly + r·GROUP_DIM and
// columns j = j0 + lx + c·GROUP_DIM, where A(i, k) = a[i·sai + k·sak] and B(k, j) = b[k·sbk + j·sbj]
// (strides express the transposes; the callers pass literal 1s, which the compiler folds).
inline void tile_product(const __global float* a, int sai, int sak,
                         const __global float* b, int sbk, int sbj,
                         int M, int N, int K,
                         __local float* as, __local float* bs,
                         float acc[R][R]) {
    const int lx = get_local_id(0);
    const int ly = get_local_id(1);
    const int lid = ly * GROUP_DIM + lx;
    const int i0 = get_group_id(1) * TILE;
    const int j0 = get_group_id(0) * TILE;
    for (int r = 0; r < R; r++) {
        for (int c = 0; c < R; c++) {
            acc[r][c] = 0.0f;
        }
    }
    for (int k0 = 0; k0 < K; k0 += TK) {
        // Stage A(i0.., k0..) as as[k][i] and B(k0.., j0..) as bs[k][j]. Neighbouring work-items
        // take neighbouring addresses of whichever index is contiguous in global memory, so the
        // loads coalesce for every one of the three layouts.
        for (int l = 0; l < LOADS; l++) {
            const int e = lid + l * GROUP_SIZE;
            stage(a, sai, sak, i0, M, k0, K, sak == 1, e, as);
            stage(b, sbj, sbk, j0, N, k0, K, sbj != 1, e, bs);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int k = 0; k < TK; k++) {
            float av[R];
            float bv[R];
            for (int r = 0; r < R; r++) {
                av[r] = as[k * PITCH + ly + r * GROUP_DIM];
            }
            for (int c = 0; c < R; c++) {
                bv[c] = bs[k * PITCH + lx + c * GROUP_DIM];
            }
            // Past K both operands are 0, and acc + 0·0 = acc: the padding adds nothing.
            for (int r = 0; r < R; r++) {
                for (int c = 0; c < R; c++) {
                    acc[r][c] += av[r] * bv[c];
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
}

// Eq. 25: z_ij = Σ_k a_in[i][k] · w[j][k] + b_j and a_out = σ(z). Softmax (a row operation)
// leaves a_out to softmax_rows, which runs next in the queue.
__kernel __attribute__((reqd_work_group_size(GROUP_DIM, GROUP_DIM, 1)))
void feedforward(const __global float* w, const __global float* bias, const __global float* a_in,
                 __global float* z, __global float* a_out, int m, int out, int in, int act) {
    __local float as[TK * PITCH];
    __local float bs[TK * PITCH];
    float acc[R][R];
    tile_product(a_in, in, 1, w, 1, in, m, out, in, as, bs, acc);
    for (int r = 0; r < R; r++) {
        const int i = get_group_id(1) * TILE + get_local_id(1) + r * GROUP_DIM;
        for (int c = 0; c < R; c++) {
            const int j = get_group_id(0) * TILE + get_local_id(0) + c * GROUP_DIM;
            if (i < m && j < out) {
                const float zij = acc[r][c] + bias[j];
                z[i * out + j] = zij;
                if (act != ACT_SOFTMAX) {
                    a_out[i * out + j] = sigma(act, zij);
                }
            }
        }
    }
}

// BP2: δ_ij = (Σ_k δ_next[i][k] · w[k][j]) · σ′(z_ij); w is W^{l+1}, next × width.
__kernel __attribute__((reqd_work_group_size(GROUP_DIM, GROUP_DIM, 1)))
void backpropagate(const __global float* w, const __global float* delta_next, const __global float* z,
                   __global float* delta, int m, int width, int next, int act) {
    __local float as[TK * PITCH];
    __local float bs[TK * PITCH];
    float acc[R][R];
    tile_product(delta_next, next, 1, w, width, 1, m, width, next, as, bs, acc);
    for (int r = 0; r < R; r++) {
        const int i = get_group_id(1) * TILE + get_local_id(1) + r * GROUP_DIM;
        for (int c = 0; c < R; c++) {
            const int j = get_group_id(0) * TILE + get_local_id(0) + c * GROUP_DIM;
            if (i < m && j < width) {
                delta[i * width + j] = acc[r][c] * sigma_prime(act, z[i * width + j]);
            }
        }
    }
}

// BP4: ∂C/∂w_jk = (1/m) Σ_x δ[x][j] · a_in[x][k]: the sum runs over the m examples of the batch,
// because C is the mean cost.
__kernel __attribute__((reqd_work_group_size(GROUP_DIM, GROUP_DIM, 1)))
void weight_gradient(const __global float* delta, const __global float* a_in, __global float* grad_w,
                     int m, int out, int in) {
    __local float as[TK * PITCH];
    __local float bs[TK * PITCH];
    float acc[R][R];
    tile_product(delta, 1, out, a_in, in, 1, out, in, m, as, bs, acc);
    for (int r = 0; r < R; r++) {
        const int j = get_group_id(1) * TILE + get_local_id(1) + r * GROUP_DIM;
        for (int c = 0; c < R; c++) {
            const int k = get_group_id(0) * TILE + get_local_id(0) + c * GROUP_DIM;
            if (j < out && k < in) {
                grad_w[j * in + k] = acc[r][c] / (float) m;
            }
        }
    }
}
