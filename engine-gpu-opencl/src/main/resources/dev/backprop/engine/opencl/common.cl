// Shared by every kernel of the OpenCL engine (OpenCL C 1.2): the codes of the built-in
// activations and costs, and σ with σ′ beside it (the layer SPI's pairing).
//
// FP_CONTRACT OFF here and in the element-wise files: a*b+c is then rounded twice, as Java
// rounds it, so BP1, BP3 and the SGD step give the reference engine's bits where their
// formulas are the same. gemm.cl turns contraction back on for the products (see there).
#pragma OPENCL FP_CONTRACT OFF

// ACT_SIGMOID, ACT_TANH, …, COST_QUADRATIC, … (the numbers of the built-in activations and
// costs) come from the build options, written by FunctionCodes.java, which also passes them as
// kernel arguments: one source for both sides. Every switch on them ends in NaN, so a number
// that has no formula here gives results no comparison accepts.

// Sums that the host reads back (the cost, softmax's normaliser) run in double when the device
// has it, as the reference engine's do; otherwise in float. BACKPROP_FP64 is set by the build.
#ifdef BACKPROP_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double real;
#define REAL(x) x
#else
typedef float real;
#define REAL(x) x##f
#endif

// σ(z). Softmax is not element-wise: feedforward applies it per row (reduce.cl), so here it
// leaves z as it is.
inline float sigma(int act, float z) {
    switch (act) {
    case ACT_SIGMOID:
        return 1.0f / (1.0f + exp(-z));
    case ACT_TANH:
        return tanh(z);
    case ACT_RELU:
        return z > 0.0f ? z : 0.0f;
    case ACT_IDENTITY:
    case ACT_SOFTMAX:
        return z;
    default:
        return NAN;
    }
}

// σ′(z), as BP1 and BP2 use it. Sigmoid: σ(1 − σ), the book's sigmoid_prime. ReLU: 0 at the kink.
// Softmax has none; Checks refuses every call that would need it before a kernel runs.
inline float sigma_prime(int act, float z) {
    switch (act) {
    case ACT_SIGMOID: {
        float s = sigma(ACT_SIGMOID, z);
        return s * (1.0f - s);
    }
    case ACT_TANH: {
        float t = tanh(z);
        return 1.0f - t * t;
    }
    case ACT_RELU:
        return z > 0.0f ? 1.0f : 0.0f;
    case ACT_IDENTITY:
        return 1.0f;
    default:
        return NAN;
    }
}
