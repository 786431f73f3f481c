/**
 * The OpenCL engine: Eq. 25 and BP1–BP4 as OpenCL C 1.2 kernels, on a GPU when there is one,
 * reached through {@code java.lang.foreign} (no JNI, no native jar, no binding library).
 *
 * <p>Scope: a hand-written binding to the system's {@code libOpenCL.so.1} (the ICD loader) with
 * only the calls the engine makes; device discovery and choice
 * ({@code -Dbackprop.opencl.device}); kernels kept as {@code .cl} resources — tiled matrix products
 * fused with their element-wise step (feedforward + σ, BP2 ⊙ σ′, BP4 / m), BP1, BP3, the SGD
 * step, softmax, the cost — built when an engine is opened; matrices as device buffers that stay
 * on the device between calls, so that per mini-batch only x and y go in and nothing has to come
 * back. Every reduction is summed by one work-item in index order (no atomics), so results are
 * deterministic on a given device and driver.
 *
 * <p>Needs: JDK 22+ (built for 25), {@code --enable-native-access=ALL-UNNAMED} (only a warning
 * without it today; refused under {@code --illegal-native-access=deny}), an OpenCL runtime with a
 * device that compiles OpenCL C 1.2 — a GPU driver, or PoCL on the CPU
 * ({@code apt-get install ocl-icd-libopencl1 pocl-opencl-icd}).
 *
 * <p>Not here: custom activations and costs (they are Java code; {@code supports} refuses them so
 * that {@code Backpropagation.open} fails with a clear message), several devices at once,
 * sharing buffers between engines, OpenCL 2.x features (shared virtual memory, device-side
 * enqueue), half precision, Windows and macOS library names (only the Linux sonames are tried),
 * thread safety (one thread uses an engine at a time, as with every engine).
 */
package dev.backprop.engine.opencl;
