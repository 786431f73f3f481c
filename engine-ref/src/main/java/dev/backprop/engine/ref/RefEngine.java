package dev.backprop.engine.ref;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.spi.Checks;
import dev.backprop.spi.Engine;
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
        Checks.allocate(rows, cols);
        return new RefMatrix(this, rows, cols);
    }

    @Override
    public void write(Matrix dst, float[] src, int offset) {
        RefMatrix d = own(dst, "dst");
        Checks.transfer("write", dst, src, offset);
        System.arraycopy(src, offset, d.data, 0, d.data.length);
    }

    @Override
    public void read(Matrix src, float[] dst, int offset) {
        RefMatrix s = own(src, "src");
        Checks.transfer("read", src, dst, offset);
        System.arraycopy(s.data, 0, dst, offset, s.data.length);
    }

    @Override
    public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
        float[] W = own(w, "w").data;
        float[] B = own(b, "b").data;
        float[] A = own(aIn, "aIn").data;
        float[] Z = own(z, "z").data;
        float[] out = own(aOut, "aOut").data;
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
        float[] A = own(aOut, "aOut").data;
        float[] Z = own(z, "z").data;
        float[] Y = own(y, "y").data;
        float[] D = own(delta, "delta").data;
        Checks.outputError(f, aOut, z, y, delta);
        for (int i = 0; i < D.length; i++) {
            // BP1: δ^L = ∇_a C ⊙ σ′(z^L); the cost knows its gradient and any simplification.
            D[i] = c.outputError(A[i], Y[i], Z[i], f);
        }
    }

    @Override
    public double cost(Cost c, Matrix aOut, Matrix y) {
        float[] A = own(aOut, "aOut").data;
        float[] Y = own(y, "y").data;
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
        float[] W = own(wNext, "wNext").data;
        float[] DN = own(deltaNext, "deltaNext").data;
        float[] Z = own(z, "z").data;
        float[] D = own(delta, "delta").data;
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
        float[] D = own(delta, "delta").data;
        float[] G = own(gradB, "gradB").data;
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
        float[] D = own(delta, "delta").data;
        float[] A = own(aIn, "aIn").data;
        float[] G = own(gradW, "gradW").data;
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
        float[] P = own(param, "param").data;
        float[] G = own(grad, "grad").data;
        Checks.update(param, grad, eta, decay);
        // Eq. 93: w → (1 − ηλ/n) w − η ∂C/∂w; decay = ηλ/n (0 for biases).
        float keep = 1 - decay;
        for (int i = 0; i < P.length; i++) {
            P[i] = keep * P[i] - eta * G[i];
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the ref engine is closed; open a new one with Engines.open()");
        }
    }

    private RefMatrix own(Matrix m, String argument) {
        checkOpen();
        if (!(m instanceof RefMatrix r) || r.owner != this) {
            throw new IllegalArgumentException(argument + " must be a matrix allocated by this ref engine, got "
                    + (m == null ? "null" : m + " (" + m.getClass().getName() + ")"));
        }
        return r;
    }
}
