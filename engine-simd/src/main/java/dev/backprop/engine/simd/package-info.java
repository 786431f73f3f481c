/**
 * The SIMD engine ("simd", priority 100): the engine SPI computed with
 * {@code jdk.incubator.vector} kernels, sized by the hardware's preferred vector
 * ({@code FloatVector.SPECIES_PREFERRED}: 16 floats with AVX-512, 8 with AVX2, 4 with SSE or NEON).
 *
 * <p>Layout: {@link dev.backprop.engine.simd.SimdEngineProvider} decides availability without
 * touching a vector type; {@code SimdEngine} checks arguments (through
 * {@code dev.backprop.spi.Checks}, so its messages are every engine's) and dispatches;
 * {@code Gemm} drives the three matrix products (Eq. 25's A·Wᵀ, BP2's Δ·W, BP4's Δᵀ·A), through
 * {@code Packing} (with {@code Transpose16} on AVX-512) and {@code MicroKernels} when they are
 * large and {@code DotKernels} /
 * {@code BroadcastKernels} when they are small, with each equation's element-wise half fused in by
 * {@code Finish}; {@code ElementWise}, {@code VectorActivations} and {@code VectorMath} hold the
 * rest (BP1, BP3, the SGD step, σ and σ′, e^x); {@code Workers} is the engine's thread pool;
 * {@code AlignedMatrix} and {@code Alignment} keep matrices and packed panels on cache lines.
 *
 * <p>Promises, beyond the SPI's: results are the same bits for the same inputs on every call,
 * with any thread count ({@value dev.backprop.engine.simd.SimdEngineProvider#THREADS_PROPERTY}
 * caps it) and whether the JIT has compiled a kernel or not; a training step allocates nothing
 * once its buffers exist and C2 has compiled the kernels; custom activations and costs work,
 * through their scalar methods. The bits depend on the vector width (a 256-bit JVM sums a dot
 * product's lanes in another tree than a 512-bit one) and agree with the kit's double-precision
 * oracle within its float32 bound, not bit for bit.
 *
 * <p>Warm-up: until C2 has compiled a kernel, the Vector API runs as interpreted or C1 code that
 * boxes every vector, some hundred times slower; the first thousand or so mini-batches of the
 * book's network are slow. The first 16 calls of each family of kernels in a JVM take
 * {@code ScalarKernels}, plain loops with the same bits, so a cold start's first gradient or
 * prediction does not pay for the interpreted vector code ({@code Warmup}). Products are cut
 * into parts by their shape and the parts claimed by whichever of the engine's threads is free
 * ({@code Workers}), so a thread the machine does not run never holds the caller up. Without
 * masked vector stores in hardware (x86 without AVX, AArch64 without SVE) the last, partial
 * vector of each row takes the slow path for good: correct, but slower.
 *
 * <p>Not here: double precision, sparse inputs, other vector shapes than the preferred one, NUMA
 * placement, or any reduction whose order depends on timing. The JVM must be started with
 * {@code --add-modules=jdk.incubator.vector}; without it the provider reports itself unavailable
 * and {@code Engines} falls back to another engine. {@code --enable-native-access=ALL-UNNAMED}
 * is optional: it lets the engine read array addresses and align its matrices (the book's
 * network trains about a fifth faster); without it nothing else changes and nothing is printed.
 */
package dev.backprop.engine.simd;
