/**
 * The reference engine: every equation of chapter 2 as a plain loop over row-major float[]
 * arrays, on the calling thread, meant to be read beside the book. Always available and of the
 * lowest priority, so any faster engine on the classpath wins.
 *
 * <p>Not here: threads, SIMD, blocking for caches. Its only promises are the SPI's: correct,
 * deterministic, and no allocation per call (buffers belong to the caller).
 */
package dev.backprop.engine.ref;
