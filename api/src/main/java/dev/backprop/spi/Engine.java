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

    /**
     * The engine's name, for messages.
     *
     * @return the name of the provider that opened it, such as {@code "ref"}
     */
    String name();

    /**
     * Whether this engine computes σ and σ′ of {@code f}; a custom activation may be refused.
     * {@link dev.backprop.Backpropagation#open} asks for every layer, so a refusal comes before
     * any arithmetic, never as wrong numbers.
     *
     * @param f a built-in of {@link dev.backprop.Activations} or a custom activation
     * @return true unless the engine cannot run {@code f}; true by default (an engine that
     *     computes on the heap can call any activation's Java code)
     */
    default boolean supports(Activation f) {
        return true;
    }

    /**
     * Whether this engine computes C and BP1 of {@code c}; a custom cost may be refused, as
     * {@link #supports(Activation)}.
     *
     * @param c a built-in of {@link dev.backprop.Costs} or a custom cost
     * @return true unless the engine cannot run {@code c}; true by default
     */
    default boolean supports(Cost c) {
        return true;
    }

    /**
     * Allocates a rows × cols matrix; its contents are unspecified until written.
     *
     * @param rows the number of rows, at least 1: m for a batch matrix, out for W^l
     * @param cols the number of columns, at least 1; rows × cols must fit one Java array
     * @return a new matrix that belongs to this engine until it is closed
     * @throws IllegalArgumentException if a dimension is below 1 or the product too large
     * @throws IllegalStateException if the engine is closed
     */
    Matrix allocate(int rows, int cols);

    /**
     * Copies {@code dst.size()} floats from {@code src[offset…]} into {@code dst}, row-major.
     *
     * @param dst a matrix of this engine, overwritten entirely
     * @param src the host array; only {@code src[offset … offset + dst.size())} is read, and the
     *     array may change once the call returns
     * @param offset the index in {@code src} of element (0, 0)
     * @throws IllegalArgumentException if {@code dst} is not this engine's or {@code src} has
     *     fewer than {@code dst.size()} floats from {@code offset} on
     * @throws IllegalStateException if the engine is closed
     */
    void write(Matrix dst, float[] src, int offset);

    /**
     * Copies {@code src} into {@code dst[offset…]}, row-major; returns once the values are in
     * {@code dst} (a device engine waits for the device).
     *
     * @param src a matrix of this engine, not modified
     * @param dst the host array; only {@code dst[offset … offset + src.size())} is written
     * @param offset the index in {@code dst} for element (0, 0)
     * @throws IllegalArgumentException if {@code src} is not this engine's or {@code dst} has
     *     room for fewer than {@code src.size()} floats from {@code offset} on
     * @throws IllegalStateException if the engine is closed
     */
    void read(Matrix src, float[] dst, int offset);

    /**
     * Copies all of {@code src} into {@code dst}: {@link #write(Matrix, float[], int)} with
     * offset 0 for an array of exactly the matrix's size.
     *
     * @param dst a matrix of this engine, overwritten entirely
     * @param src exactly {@code dst.size()} floats, row-major
     * @throws IllegalArgumentException if the lengths differ, or as the three-argument write
     * @throws IllegalStateException if the engine is closed
     */
    default void write(Matrix dst, float[] src) {
        if (src.length != dst.size()) {
            throw new IllegalArgumentException("write: matrix is " + dst.shape() + " (" + dst.size()
                    + " floats), source array has " + src.length);
        }
        write(dst, src, 0);
    }

    /**
     * Copies all of {@code src} into {@code dst}: {@link #read(Matrix, float[], int)} with
     * offset 0 for an array of exactly the matrix's size.
     *
     * @param src a matrix of this engine, not modified
     * @param dst exactly {@code src.size()} floats, overwritten row-major
     * @throws IllegalArgumentException if the lengths differ, or as the three-argument read
     * @throws IllegalStateException if the engine is closed
     */
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
     * @param f σ^l, applied to each row of Z as {@link Activation#apply} (so softmax normalises
     *     per example)
     */
    void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f);

    /**
     * BP1: Δ^L = ∇_A C ⊙ σ′(Z^L), element by element through {@link Cost#outputError}.
     * All four matrices and {@code delta} are m × out. The per-example error is not divided by m
     * here; BP3 and BP4 take the mean.
     *
     * @param c the network's cost, which owns BP1 (and may simplify it, δ = a − y, Eq. 66)
     * @param f σ^L of the output layer
     * @param aOut A^L, the outputs of the last feedforward
     * @param z Z^L, the output layer's weighted inputs
     * @param y the targets
     * @param delta Δ^L (written)
     */
    void outputError(Cost c, Activation f, Matrix aOut, Matrix z, Matrix y, Matrix delta);

    /**
     * The mean cost C = (1/m) Σ_x C_x over the m rows, C_x = Σ_j {@link Cost#value}(a_j, y_j).
     * Called only when someone asks for it (the trainer once per epoch), so it may synchronise
     * with a device.
     *
     * @param c the network's cost
     * @param aOut A^L, m × out
     * @param y the targets, m × out
     * @return C without any L2 term, summed in double
     */
    double cost(Cost c, Matrix aOut, Matrix y);

    /**
     * BP2: Δ^l = (Δ^{l+1} W^{l+1}) ⊙ σ′(Z^l).
     *
     * @param wNext W^{l+1}, next × this
     * @param deltaNext Δ^{l+1}, m × next
     * @param z Z^l, m × this
     * @param f σ^l of this (hidden) layer; element-wise, since BP2 multiplies by σ′(Z^l)
     *     element by element
     * @param delta Δ^l, m × this (written)
     */
    void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta);

    /**
     * BP3: ∂C/∂b^l = (1/m) Σ_rows Δ^l, the column means of delta (m × out) into gradB (1 × out).
     *
     * @param delta Δ^l, m × out
     * @param gradB ∂C/∂b^l, 1 × out (written)
     */
    void biasGradient(Matrix delta, Matrix gradB);

    /**
     * BP4: ∂C/∂W^l = (1/m) Δ^lᵀ A^{l−1}, the mean over the rows of a^{l−1}_k δ^l_j.
     *
     * @param delta Δ^l, m × out
     * @param aIn A^{l−1}, m × in: the activations that fed layer l
     * @param gradW ∂C/∂W^l, out × in (written)
     */
    void weightGradient(Matrix delta, Matrix aIn, Matrix gradW);

    /**
     * The SGD step with L2 weight decay (Eq. 93): param ← (1 − decay) · param − eta · grad,
     * where decay = ηλ/n for weights and 0 for biases.
     *
     * @param param W^l or b^l, updated in place
     * @param grad ∂C/∂W^l or ∂C/∂b^l, the same shape as {@code param}
     * @param eta η, finite
     * @param decay ηλ/n for weights, 0 for biases; finite
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
     * @param eta η, finite
     * @param decay ηλ/n, finite
     */
    default void weightGradientAndUpdate(Matrix delta, Matrix aIn, Matrix gradW, Matrix w, float eta, float decay) {
        Checks.weightGradientAndUpdate(delta, aIn, gradW, w, eta, decay);
        weightGradient(delta, aIn, gradW);
        update(w, gradW, eta, decay);
    }

    /**
     * The gradient of the regularised cost, in place: grad ← grad + l2·param + l1·sgn(param), with
     * sgn(0) = 0 ({@link HostSteps#regularize}). L2's term is (λ/n)·w (Eq. 87); L1's is
     * (λ₁/n)·sgn(w) (Eq. 96). The trainer calls it before a step of an optimiser other than plain
     * SGD (whose L2 is Eq. 93's decay in {@link #update}), and before SGD's step when L1 is on.
     *
     * <p>The default reads both matrices to the heap, computes there and writes grad back: correct
     * on any engine, but it allocates and copies on every call, so engines override it.
     *
     * @param grad ∂C/∂w, updated in place
     * @param param w, not modified
     * @param l2 λ/n, finite and at least 0
     * @param l1 λ₁/n, finite and at least 0
     */
    default void regularize(Matrix grad, Matrix param, float l2, float l1) {
        Checks.regularize(grad, param, l2, l1);
        float[] g = copy(grad);
        float[] w = copy(param);
        HostSteps.regularize(g, w, 0, g.length, l2, l1);
        write(grad, g);
    }

    /**
     * One momentum step (the book's chapter 3): v ← μv − η·grad, then w ← w + v; with
     * {@code nesterov}, w ← w + μv − η·grad with the new v ({@link HostSteps#momentum}).
     *
     * <p>The default works on heap copies, as {@link #regularize}'s does.
     *
     * @param param w, updated in place
     * @param grad ∂C/∂w, not modified
     * @param velocity v, updated in place; zeros before the first step
     * @param eta η, finite
     * @param mu μ, in [0, 1)
     * @param nesterov whether to take Nesterov's look-ahead step
     */
    default void momentumStep(Matrix param, Matrix grad, Matrix velocity, float eta, float mu, boolean nesterov) {
        Checks.momentumStep(param, grad, velocity, eta, mu);
        float[] w = copy(param);
        float[] g = copy(grad);
        float[] v = copy(velocity);
        HostSteps.momentum(w, g, v, 0, w.length, eta, mu, nesterov);
        write(velocity, v);
        write(param, w);
    }

    /**
     * One Adam step (Kingma and Ba), with AdamW's decoupled decay: m ← β₁m + (1 − β₁)g,
     * v ← β₂v + (1 − β₂)g², w ← (1 − decay)·w − α_t·m / (√v / √(1 − β₂^t) + ε) with
     * α_t = η / (1 − β₁^t) ({@link HostSteps#adam}; the two scalars from
     * {@link HostSteps#adamStepSize} and {@link HostSteps#adamCorrection2}).
     *
     * <p>The default works on heap copies, as {@link #regularize}'s does.
     *
     * @param param w, updated in place
     * @param grad ∂C/∂w, not modified
     * @param m the first moment, updated in place; zeros before step 1
     * @param v the second moment, updated in place; zeros before step 1
     * @param eta η, finite
     * @param beta1 β₁, in [0, 1)
     * @param beta2 β₂, in [0, 1)
     * @param epsilon ε, positive
     * @param t the step, 1 for the first: the bias corrections need it
     * @param decay ηλ for AdamW (0 for Adam, and for biases), finite
     */
    default void adamStep(Matrix param, Matrix grad, Matrix m, Matrix v, float eta, float beta1, float beta2,
            float epsilon, long t, float decay) {
        Checks.adamStep(param, grad, m, v, eta, beta1, beta2, epsilon, t, decay);
        float[] w = copy(param);
        float[] g = copy(grad);
        float[] first = copy(m);
        float[] second = copy(v);
        HostSteps.adam(w, g, first, second, 0, w.length, beta1, beta2, epsilon, HostSteps.adamStepSize(eta, beta1, t),
                HostSteps.adamCorrection2(beta2, t), decay);
        write(m, first);
        write(v, second);
        write(param, w);
    }

    /**
     * One RMSProp step: r ← ρr + (1 − ρ)g², w ← w − η·g / (√r + ε) ({@link HostSteps#rmsProp}).
     *
     * <p>The default works on heap copies, as {@link #regularize}'s does.
     *
     * @param param w, updated in place
     * @param grad ∂C/∂w, not modified
     * @param meanSquare r, updated in place; zeros before the first step
     * @param eta η, finite
     * @param rho ρ, in [0, 1)
     * @param epsilon ε, positive
     */
    default void rmsPropStep(Matrix param, Matrix grad, Matrix meanSquare, float eta, float rho, float epsilon) {
        Checks.rmsPropStep(param, grad, meanSquare, eta, rho, epsilon);
        float[] w = copy(param);
        float[] g = copy(grad);
        float[] r = copy(meanSquare);
        HostSteps.rmsProp(w, g, r, 0, w.length, eta, rho, epsilon);
        write(meanSquare, r);
        write(param, w);
    }

    /**
     * Dropout's mask, in place: values ← values ⊙ mask ({@link HostSteps#dropout}). The api
     * applies it to a hidden layer's a^l after Eq. 25 and to its δ^l after BP2 (a dropped neuron
     * neither fires nor passes error back), with r = 0 for a dropped neuron and 1/(1 − p) for a
     * kept one, so the expected activation is unchanged and the full network runs at test time.
     *
     * <p>The default works on heap copies, as {@link #regularize}'s does.
     *
     * @param values a^l or δ^l, m × width, updated in place
     * @param mask r^l, m × width, not modified
     */
    default void dropout(Matrix values, Matrix mask) {
        Checks.dropout(values, mask);
        float[] x = copy(values);
        float[] r = copy(mask);
        HostSteps.dropout(x, r, 0, x.length);
        write(values, x);
    }

    /** A new heap copy of {@code m}, for the default methods. */
    private float[] copy(Matrix m) {
        float[] values = new float[m.size()];
        read(m, values);
        return values;
    }

    /** Frees every buffer and native resource; later calls throw; calling it again does nothing. */
    @Override
    void close();
}
