/**
 * The SIMD engine ("simd", priority 100): the engine SPI computed with
 * {@code jdk.incubator.vector} kernels, sized by the hardware's preferred vector
 * ({@code FloatVector.SPECIES_PREFERRED}: 16 floats with AVX-512, 8 with AVX2, 4 with SSE or NEON).
 *
 * <p>Layout: {@link dev.backprop.engine.simd.SimdEngineProvider} decides availability without
 * touching a vector type; {@code SimdEngine} checks arguments (through {@code dev.backprop.spi.Checks},
 * so its messages are the reference engine's) and dispatches; {@code Gemm} drives the three matrix
 * products (Eq. 25's A·Wᵀ, BP2's Δ·W, BP4's Δᵀ·A) through {@code Packing} and {@code MicroKernels}
 * when they are large and {@code DotKernels} / {@code BroadcastKernels} when they are small, with each equation's
 * element-wise half fused in by {@code Finish}; {@code ElementWise} and {@code VectorActivations}
 * hold the rest (BP1, BP3, the SGD step, σ and σ′); {@code Workers} is the engine's thread pool.
 *
 * <p>Promises, beyond the SPI's: results are the same bits for the same inputs on every call and
 * with any thread count ({@value dev.backprop.engine.simd.SimdEngineProvider#THREADS_PROPERTY}
 * caps it); a training step allocates nothing once its buffers exist; custom activations and
 * costs work, through their scalar methods.
 *
 * <p>Not here: double precision, sparse inputs, other vector shapes than the preferred one, NUMA
 * placement, or any reduction whose order depends on timing. The JVM must be started with
 * {@code --add-modules=jdk.incubator.vector}; without it the provider reports itself unavailable
 * and {@code Engines} falls back to another engine.
 */
package dev.backprop.engine.simd;
