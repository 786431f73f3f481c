package dev.backprop.engine.simd;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.spi.Checks;
import dev.backprop.spi.Engine;
import dev.backprop.spi.HostMatrix;
import dev.backprop.spi.HostSteps;
import dev.backprop.spi.Matrix;

/**
 * The SIMD engine: checks arguments as every engine does (open, its own matrices,
 * then {@link Checks}), before any arithmetic, and hands the arithmetic to the vector kernels.
 *
 * <p>Custom activations and costs are supported through their scalar methods, called per
 * element (or per row for σ) as the reference engine calls them; built-ins get vector code. A
 * custom σ′ is called from the engine's worker threads when BP2's product is split, so it must be
 * safe to call concurrently (a pure function is).
 * Buffers for packing live in {@link Gemm}, allocated on first use and grown when a larger product
 * comes, so a training step allocates nothing once warm: one packed copy of the largest B factor
 * (4 MiB for a 1024 × 1024 weight matrix) and, per thread, a block of A (480 KiB).
 *
 * <p>Matrices are {@link AlignedMatrix}: heap arrays kept on 64-byte boundaries where the JVM
 * allows native calls, which makes the book's small products up to a third faster.
 *
 * <p>Not thread-safe: one thread drives an engine at a time (its workers are its own business).
 */
final class SimdEngine implements Engine {
    private final int threads;
    private final Workers workers;
    private final Gemm gemm;
    private final ColumnMeans columnMeans;
    private final ParallelCopy copy;
    private final Finish.Feedforward feedforwardFinish = new Finish.Feedforward();
    private final Finish.Error errorFinish = new Finish.Error();
    private final Finish.Mean meanFinish = new Finish.Mean();
    private final Finish.Descend descendFinish = new Finish.Descend();
    private boolean closed;

    /** An engine using up to {@code threads} threads (the caller's included) for large work. */
    SimdEngine(int threads) {
        this.threads = threads;
        this.workers = new Workers(threads);
        this.gemm = new Gemm(workers);
        this.columnMeans = new ColumnMeans(workers);
        this.copy = new ParallelCopy(workers);
    }

    /** The thread count this engine splits large products into. */
    int threads() {
        return threads;
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        checkOpen();
        return new AlignedMatrix(this, rows, cols);
    }

    @Override
    public void write(Matrix dst, float[] src, int offset) {
        checkOpen();
        if (dst.size() < ParallelCopy.PARALLEL_FLOATS) {
            HostMatrix.write(this, dst, src, offset);
            return;
        }
        float[] d = own(dst, "dst");
        Checks.transfer("write", dst, src, offset);
        copy.copy(src, offset, d);
    }

    @Override
    public void read(Matrix src, float[] dst, int offset) {
        checkOpen();
        HostMatrix.read(this, src, dst, offset);
    }

    @Override
    public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
        float[] W = own(w, "w");
        float[] B = own(b, "b");
        float[] A = own(aIn, "aIn");
        float[] Z = own(z, "z");
        float[] out = own(aOut, "aOut");
        Checks.feedforward(w, b, aIn, z, aOut);
        int m = aIn.rows();
        int width = w.rows();
        // Eq. 25: Z = A Wᵀ (+ b, and σ where it is element-wise, fused per finished block).
        feedforwardFinish.set(B, out, f);
        gemm.multiply(Gemm.NT, A, W, Z, m, width, w.cols(), feedforwardFinish);
        if (feedforwardFinish.activation == null) {
            // a = σ(z) row by row: softmax normalises over one example's row; a custom σ gets
            // its own apply(), as the reference engine calls it.
            for (int x = 0; x < m; x++) {
                if (f == Activations.SOFTMAX) {
                    VectorActivations.softmax(Z, out, x * width, width);
                } else {
                    f.apply(Z, out, x * width, width);
                }
            }
        }
        feedforwardFinish.set(null, null, null);
    }

    @Override
    public void outputError(Cost c, Activation f, Matrix aOut, Matrix z, Matrix y, Matrix delta) {
        float[] A = own(aOut, "aOut");
        float[] Z = own(z, "z");
        float[] Y = own(y, "y");
        float[] D = own(delta, "delta");
        Checks.outputError(c, f, aOut, z, y, delta);
        // BP1: δ^L = ∇_a C ⊙ σ′(z^L).
        ElementWise.outputError(c, f, A, Z, Y, D);
    }

    @Override
    public double cost(Cost c, Matrix aOut, Matrix y) {
        float[] A = own(aOut, "aOut");
        float[] Y = own(y, "y");
        Checks.cost(aOut, y);
        // C = (1/m) Σ_x C_x.
        return ElementWise.cost(c, A, Y, aOut.rows());
    }

    @Override
    public void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
        float[] W = own(wNext, "wNext");
        float[] DN = own(deltaNext, "deltaNext");
        float[] Z = own(z, "z");
        float[] D = own(delta, "delta");
        Checks.backpropagate(wNext, deltaNext, z, f, delta);
        // BP2: δ^l = (Δ^{l+1} W^{l+1}) ⊙ σ′(z^l), the ⊙ fused per finished block.
        errorFinish.set(Z, f);
        gemm.multiply(Gemm.NN, DN, W, D, deltaNext.rows(), wNext.cols(), wNext.rows(), errorFinish);
        errorFinish.set(null, null);
    }

    @Override
    public void biasGradient(Matrix delta, Matrix gradB) {
        float[] D = own(delta, "delta");
        float[] G = own(gradB, "gradB");
        Checks.biasGradient(delta, gradB);
        // BP3: ∂C/∂b = δ, averaged over the mini-batch (column means of Δ).
        columnMeans.compute(D, delta.rows(), delta.cols(), G);
    }

    @Override
    public void weightGradient(Matrix delta, Matrix aIn, Matrix gradW) {
        float[] D = own(delta, "delta");
        float[] A = own(aIn, "aIn");
        float[] G = own(gradW, "gradW");
        Checks.weightGradient(delta, aIn, gradW);
        int m = delta.rows();
        // BP4: ∂C/∂w_jk = a^{l−1}_k δ^l_j summed over the batch, /m: ∂C/∂W = Δᵀ A / m.
        meanFinish.inverseCount = 1f / m;
        gemm.multiply(Gemm.TN, D, A, G, delta.cols(), aIn.cols(), m, meanFinish);
    }

    @Override
    public void weightGradientAndUpdate(Matrix delta, Matrix aIn, Matrix gradW, Matrix w, float eta, float decay) {
        float[] D = own(delta, "delta");
        float[] A = own(aIn, "aIn");
        float[] G = own(gradW, "gradW");
        float[] W = own(w, "w");
        Checks.weightGradientAndUpdate(delta, aIn, gradW, w, eta, decay);
        int m = delta.rows();
        // BP4 as in weightGradient, each finished block of ∂C/∂W applied to its block of W (Eq. 93)
        // at once: the update costs no pass of its own over W and the gradient. gradW is scratch.
        descendFinish.set(W, 1f / m, eta, decay);
        try {
            gemm.multiply(Gemm.TN, D, A, G, delta.cols(), aIn.cols(), m, descendFinish);
        } finally {
            descendFinish.set(null, 0f, 0f, 0f);
        }
    }

    @Override
    public void update(Matrix param, Matrix grad, float eta, float decay) {
        float[] P = own(param, "param");
        float[] G = own(grad, "grad");
        Checks.update(param, grad, eta, decay);
        // Eq. 93: w → (1 − ηλ/n) w − η ∂C/∂w; decay = ηλ/n (0 for biases).
        ElementWise.update(P, G, eta, decay, 0, P.length);
    }

    @Override
    public void regularize(Matrix grad, Matrix param, float l2, float l1) {
        float[] G = own(grad, "grad");
        float[] P = own(param, "param");
        Checks.regularize(grad, param, l2, l1);
        // Eq. 87 and Eq. 96: ∂C/∂w + (λ/n) w + (λ₁/n) sgn(w), sgn(0) = 0.
        OptimizerKernels.regularize(G, P, G.length, l2, l1);
    }

    @Override
    public void momentumStep(Matrix param, Matrix grad, Matrix velocity, float eta, float mu, boolean nesterov) {
        float[] P = own(param, "param");
        float[] G = own(grad, "grad");
        float[] V = own(velocity, "velocity");
        Checks.momentumStep(param, grad, velocity, eta, mu);
        // v → μv − η∇C, w → w + v (Nesterov: w → w + μv − η∇C).
        OptimizerKernels.momentum(P, G, V, P.length, eta, mu, nesterov);
    }

    @Override
    public void adamStep(Matrix param, Matrix grad, Matrix m, Matrix v, float eta, float beta1, float beta2,
            float epsilon, long t, float decay) {
        float[] P = own(param, "param");
        float[] G = own(grad, "grad");
        float[] M = own(m, "m");
        float[] V = own(v, "v");
        Checks.adamStep(param, grad, m, v, eta, beta1, beta2, epsilon, t, decay);
        // Kingma and Ba, Algorithm 1, bias corrections folded into the step size; AdamW's decay first.
        OptimizerKernels.adam(P, G, M, V, P.length, beta1, beta2, epsilon, HostSteps.adamStepSize(eta, beta1, t),
                HostSteps.adamCorrection2(beta2, t), decay);
    }

    @Override
    public void rmsPropStep(Matrix param, Matrix grad, Matrix meanSquare, float eta, float rho, float epsilon) {
        float[] P = own(param, "param");
        float[] G = own(grad, "grad");
        float[] R = own(meanSquare, "meanSquare");
        Checks.rmsPropStep(param, grad, meanSquare, eta, rho, epsilon);
        // r → ρr + (1 − ρ)g², w → w − η g / (√r + ε).
        OptimizerKernels.rmsProp(P, G, R, P.length, eta, rho, epsilon);
    }

    @Override
    public void dropout(Matrix values, Matrix mask) {
        float[] X = own(values, "values");
        float[] R = own(mask, "mask");
        Checks.dropout(values, mask);
        // a^l ⊙ r^l after Eq. 25, δ^l ⊙ r^l after BP2.
        OptimizerKernels.dropout(X, R, X.length);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            workers.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw Checks.closed(this);
        }
    }

    /**
     * The array of a matrix of this engine (an {@link AlignedMatrix}, realigned if need be), after
     * checking that the engine is open.
     */
    private float[] own(Matrix m, String argument) {
        checkOpen();
        return HostMatrix.data(m, this, argument);
    }
}
