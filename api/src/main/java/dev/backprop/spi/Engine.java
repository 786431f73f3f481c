package dev.backprop.spi;

import dev.backprop.Activation;
import dev.backprop.Cost;

/**
 * The arithmetic of Eq. 25 and BP1–BP4 on engine-owned buffers (the gradient SPI).
 *
 * <p>Batch matrices hold one example per row (m rows); a weight matrix W^l is out × in, a bias b^l
 * is 1 × out. The order of the chapter lives once, in {@link dev.backprop.Backpropagation}; an
 * engine only computes. One method per equation lets a compatibility kit test each on its own.
 *
 * <p>Contract for every method (the TCK checks it):
 * <ul>
 *   <li>inputs are never modified; every element of an output is overwritten (a scratch
 *       argument, as {@code gradW} of {@link #weightGradientAndUpdate}, may be left in any state);</li>
 *   <li>the same inputs give bit-identical outputs on every call (no timing-dependent sums);</li>
 *   <li>shape mismatches, matrices of another engine and use after {@link #close()} throw
 *       {@link IllegalArgumentException} / {@link IllegalStateException} naming what was expected
 *       and what came, before any output is touched.</li>
 * </ul>
 *
 * <p><b>Thread safety.</b> An engine serves one thread at a time: it may keep scratch buffers, a
 * thread pool of its own or a device command queue, so calls on one engine from two threads at
 * once are not allowed (handing it from one thread to another between calls is fine). Separate
 * engines, even of the same provider, may be used on separate threads at the same time (the TCK
 * checks that). {@link dev.backprop.Predictor} shares a model between threads by keeping one
 * engine per concurrent caller.
 */
public interface Engine extends AutoCloseable {

    /** The provider's name, for messages. */
    String name();

    /** Whether this engine computes σ and σ′ of {@code f}; a custom activation may be refused. */
    default boolean supports(Activation f) {
        return true;
    }

    /** Whether this engine computes C and BP1 of {@code c}; a custom cost may be refused. */
    default boolean supports(Cost c) {
        return true;
    }

    /** Allocates a rows × cols matrix; its contents are unspecified until written. */
    Matrix allocate(int rows, int cols);

    /** Copies {@code dst.size()} floats from {@code src[offset…]} into {@code dst}, row-major. */
    void write(Matrix dst, float[] src, int offset);

    /** Copies {@code src} into {@code dst[offset…]}, row-major. */
    void read(Matrix src, float[] dst, int offset);

    default void write(Matrix dst, float[] src) {
        if (src.length != dst.size()) {
            throw new IllegalArgumentException("write: matrix is " + dst.shape() + " (" + dst.size()
                    + " floats), source array has " + src.length);
        }
        write(dst, src, 0);
    }

    default void read(Matrix src, float[] dst) {
        if (dst.length != src.size()) {
            throw new IllegalArgumentException("read: matrix is " + src.shape() + " (" + src.size()
                    + " floats), destination array has " + dst.length);
        }
        read(src, dst, 0);
    }

    /**
     * Eq. 25, batched: Z = A_in Wᵀ + 1 bᵀ and A_out = σ(Z).
     *
     * @param w W^l, out × in
     * @param b b^l, 1 × out
     * @param aIn A^{l−1}, m × in
     * @param z Z^l, m × out (written)
     * @param aOut A^l, m × out (written)
     */
    void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f);

    /**
     * BP1: Δ^L = ∇_A C ⊙ σ′(Z^L), element by element through {@link Cost#outputError}.
     * All four inputs and {@code delta} are m × out.
     */
    void outputError(Cost c, Activation f, Matrix aOut, Matrix z, Matrix y, Matrix delta);

    /** The mean cost C = (1/m) Σ_x C_x over the m rows. Called only when someone asks for it. */
    double cost(Cost c, Matrix aOut, Matrix y);

    /**
     * BP2: Δ^l = (Δ^{l+1} W^{l+1}) ⊙ σ′(Z^l).
     *
     * @param wNext W^{l+1}, next × this
     * @param deltaNext Δ^{l+1}, m × next
     * @param z Z^l, m × this
     * @param delta Δ^l, m × this (written)
     */
    void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta);

    /** BP3: ∂C/∂b^l = (1/m) Σ_rows Δ^l, the column means of delta (m × out) into gradB (1 × out). */
    void biasGradient(Matrix delta, Matrix gradB);

    /** BP4: ∂C/∂W^l = (1/m) Δ^lᵀ A^{l−1}; delta m × out, aIn m × in, gradW out × in (written). */
    void weightGradient(Matrix delta, Matrix aIn, Matrix gradW);

    /**
     * The SGD step with L2 weight decay (Eq. 93): param ← (1 − decay) · param − eta · grad,
     * where decay = ηλ/n for weights and 0 for biases.
     */
    void update(Matrix param, Matrix grad, float eta, float decay);

    /**
     * BP4 then Eq. 93 for one layer's weights, as one call: w ← (1 − decay)·w − eta·∂C/∂W with
     * ∂C/∂W = (1/m) Δᵀ A, the result of {@code weightGradient(delta, aIn, gradW)} followed by
     * {@code update(w, gradW, eta, decay)}, which is what this default does. An engine may
     * override it to apply each block of the gradient to W while the block is still in registers:
     * for the book's [784, 30, 10] at batch 10 the separate update is a pass over W and ∂C/∂W
     * (2 × 94 KB) on every mini-batch, and fused the step is about 2 µs (11 %) shorter.
     * {@code gradW} is scratch room of the gradient's shape: what it holds afterwards is
     * unspecified (the SIMD engine's kernel for small batches writes only its edges). This
     * default checks the shapes first; ownership is checked by the two calls, so when w belongs
     * to another engine the refusal comes after gradW was written (an override that checks
     * every matrix first, as the SIMD engine's does, changes nothing before refusing).
     *
     * @param delta Δ^l, m × out
     * @param aIn A^{l−1}, m × in
     * @param gradW out × in, scratch (contents afterwards unspecified)
     * @param w W^l, out × in (updated in place; a different matrix from gradW)
     */
    default void weightGradientAndUpdate(Matrix delta, Matrix aIn, Matrix gradW, Matrix w, float eta, float decay) {
        Checks.weightGradientAndUpdate(delta, aIn, gradW, w, eta, decay);
        weightGradient(delta, aIn, gradW);
        update(w, gradW, eta, decay);
    }

    /** Frees every buffer and native resource; later calls throw; calling it again does nothing. */
    @Override
    void close();
}
