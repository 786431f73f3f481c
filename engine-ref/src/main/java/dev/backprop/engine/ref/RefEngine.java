package dev.backprop.engine.ref;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.spi.Checks;
import dev.backprop.spi.Engine;
import dev.backprop.spi.HostMatrix;
import dev.backprop.spi.HostSteps;
import dev.backprop.spi.Matrix;

/**
 * The reference engine: each equation of chapter 2 as a plain loop over float[] rows, one thread,
 * sums in index order so the same inputs always give the same bits. Rows are examples.
 *
 * <p>Loops put the longest contiguous run innermost where the equation allows it (BP2, BP4), so
 * the JIT can vectorise them, but never reorder a sum.
 */
final class RefEngine implements Engine {
    private boolean closed;

    @Override
    public String name() {
        return "ref";
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        checkOpen();
        return new HostMatrix(this, rows, cols);
    }

    @Override
    public void write(Matrix dst, float[] src, int offset) {
        checkOpen();
        HostMatrix.write(this, dst, src, offset);
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
        int in = w.cols();
        int width = w.rows();
        for (int x = 0; x < m; x++) {
            for (int j = 0; j < width; j++) {
                // Eq. 25: z_j = Σ_k w_jk a_k + b_j, for example x.
                float sum = 0;
                for (int k = 0; k < in; k++) {
                    sum += W[j * in + k] * A[x * in + k];
                }
                Z[x * width + j] = sum + B[j];
            }
            // a = σ(z); row by row so that softmax sees the whole output of one example.
            f.apply(Z, out, x * width, width);
        }
    }

    @Override
    public void outputError(Cost c, Activation f, Matrix aOut, Matrix z, Matrix y, Matrix delta) {
        float[] A = own(aOut, "aOut");
        float[] Z = own(z, "z");
        float[] Y = own(y, "y");
        float[] D = own(delta, "delta");
        Checks.outputError(c, f, aOut, z, y, delta);
        for (int i = 0; i < D.length; i++) {
            // BP1: δ^L = ∇_a C ⊙ σ′(z^L); the cost knows its gradient and any simplification.
            D[i] = c.outputError(A[i], Y[i], Z[i], f);
        }
    }

    @Override
    public double cost(Cost c, Matrix aOut, Matrix y) {
        float[] A = own(aOut, "aOut");
        float[] Y = own(y, "y");
        Checks.cost(aOut, y);
        double sum = 0;
        for (int i = 0; i < A.length; i++) {
            sum += c.value(A[i], Y[i]);
        }
        // C = (1/m) Σ_x C_x.
        return sum / aOut.rows();
    }

    @Override
    public void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
        float[] W = own(wNext, "wNext");
        float[] DN = own(deltaNext, "deltaNext");
        float[] Z = own(z, "z");
        float[] D = own(delta, "delta");
        Checks.backpropagate(wNext, deltaNext, z, f, delta);
        int m = deltaNext.rows();
        int next = wNext.rows();
        int width = wNext.cols();
        for (int x = 0; x < m; x++) {
            int row = x * width;
            // BP2, first factor: ((w^{l+1})ᵀ δ^{l+1})_k = Σ_j w^{l+1}_jk δ^{l+1}_j.
            for (int k = 0; k < width; k++) {
                D[row + k] = 0;
            }
            for (int j = 0; j < next; j++) {
                float d = DN[x * next + j];
                for (int k = 0; k < width; k++) {
                    D[row + k] += d * W[j * width + k];
                }
            }
            // BP2, second factor: ⊙ σ′(z^l).
            for (int k = 0; k < width; k++) {
                D[row + k] *= f.derivative(Z[row + k]);
            }
        }
    }

    @Override
    public void biasGradient(Matrix delta, Matrix gradB) {
        float[] D = own(delta, "delta");
        float[] G = own(gradB, "gradB");
        Checks.biasGradient(delta, gradB);
        int m = delta.rows();
        int width = delta.cols();
        for (int j = 0; j < width; j++) {
            // BP3: ∂C/∂b_j = δ_j, averaged over the mini-batch because C is the mean cost.
            float sum = 0;
            for (int x = 0; x < m; x++) {
                sum += D[x * width + j];
            }
            G[j] = sum / m;
        }
    }

    @Override
    public void weightGradient(Matrix delta, Matrix aIn, Matrix gradW) {
        float[] D = own(delta, "delta");
        float[] A = own(aIn, "aIn");
        float[] G = own(gradW, "gradW");
        Checks.weightGradient(delta, aIn, gradW);
        int m = delta.rows();
        int width = delta.cols();
        int in = aIn.cols();
        java.util.Arrays.fill(G, 0f);
        for (int x = 0; x < m; x++) {
            for (int j = 0; j < width; j++) {
                // BP4: ∂C/∂w_jk = a^{l−1}_k δ^l_j, summed over the examples of the batch.
                float d = D[x * width + j];
                for (int k = 0; k < in; k++) {
                    G[j * in + k] += d * A[x * in + k];
                }
            }
        }
        for (int i = 0; i < G.length; i++) {
            G[i] /= m;
        }
    }

    @Override
    public void update(Matrix param, Matrix grad, float eta, float decay) {
        float[] P = own(param, "param");
        float[] G = own(grad, "grad");
        Checks.update(param, grad, eta, decay);
        // Eq. 93: w → (1 − ηλ/n) w − η ∂C/∂w; decay = ηλ/n (0 for biases).
        float keep = 1 - decay;
        for (int i = 0; i < P.length; i++) {
            P[i] = keep * P[i] - eta * G[i];
        }
    }

    @Override
    public void regularize(Matrix grad, Matrix param, float l2, float l1) {
        float[] G = own(grad, "grad");
        float[] P = own(param, "param");
        Checks.regularize(grad, param, l2, l1);
        // Eq. 87 and Eq. 96: ∂C/∂w + (λ/n) w + (λ₁/n) sgn(w), sgn(0) = 0.
        HostSteps.regularize(G, P, 0, G.length, l2, l1);
    }

    @Override
    public void momentumStep(Matrix param, Matrix grad, Matrix velocity, float eta, float mu, boolean nesterov) {
        float[] P = own(param, "param");
        float[] G = own(grad, "grad");
        float[] V = own(velocity, "velocity");
        Checks.momentumStep(param, grad, velocity, eta, mu);
        // v → μv − η∇C, w → w + v (Nesterov: w → w + μv − η∇C).
        HostSteps.momentum(P, G, V, 0, P.length, eta, mu, nesterov);
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
        HostSteps.adam(P, G, M, V, 0, P.length, beta1, beta2, epsilon, HostSteps.adamStepSize(eta, beta1, t),
                HostSteps.adamCorrection2(beta2, t), decay);
    }

    @Override
    public void rmsPropStep(Matrix param, Matrix grad, Matrix meanSquare, float eta, float rho, float epsilon) {
        float[] P = own(param, "param");
        float[] G = own(grad, "grad");
        float[] R = own(meanSquare, "meanSquare");
        Checks.rmsPropStep(param, grad, meanSquare, eta, rho, epsilon);
        // r → ρr + (1 − ρ)g², w → w − η g / (√r + ε).
        HostSteps.rmsProp(P, G, R, 0, P.length, eta, rho, epsilon);
    }

    @Override
    public void dropout(Matrix values, Matrix mask) {
        float[] X = own(values, "values");
        float[] R = own(mask, "mask");
        Checks.dropout(values, mask);
        // a^l ⊙ r^l after Eq. 25, δ^l ⊙ r^l after BP2.
        HostSteps.dropout(X, R, 0, X.length);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw Checks.closed(this);
        }
    }

    /** The array of a matrix of this engine, after checking that the engine is open. */
    private float[] own(Matrix m, String argument) {
        checkOpen();
        return HostMatrix.data(m, this, argument);
    }
}
