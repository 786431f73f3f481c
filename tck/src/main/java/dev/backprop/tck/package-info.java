/**
 * The compatibility kit: proves that an engine computes the same gradients as an independent
 * double-precision oracle, equation by equation (Eq. 25, BP1–BP4, the SGD step), on the whole
 * network, and keeps the SPI's contract (determinism, untouched inputs, overwritten outputs, bad
 * arguments refused first, open and close).
 *
 * <p>Use it by extending {@link dev.backprop.tck.EngineCompatibilityKit} in a JUnit 5 test, or
 * from the command line with {@link dev.backprop.tck.TckMain}. Tolerances and their reasoning are
 * in {@link dev.backprop.tck.Tolerance}.
 *
 * <p>Not here: speed. The oracle is written per example like network.py and shares no code with
 * any engine, so a bug in a batched engine is not reproduced by its judge.
 */
package dev.backprop.tck;
