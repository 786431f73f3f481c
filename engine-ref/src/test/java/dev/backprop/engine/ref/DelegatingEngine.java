package dev.backprop.engine.ref;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

/**
 * A correct engine (the reference engine) behind a wrapper whose methods a mutant overrides to
 * plant one bug. Helpers move matrices to and from host arrays so a bug can be written plainly.
 */
class DelegatingEngine implements Engine {
    final Engine inner = new RefEngine();
    private final String name;

    DelegatingEngine(String name) {
        this.name = name;
    }

    float[] host(Matrix m) {
        float[] values = new float[m.size()];
        inner.read(m, values);
        return values;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean supports(Activation f) {
        return inner.supports(f);
    }

    @Override
    public boolean supports(Cost c) {
        return inner.supports(c);
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        return inner.allocate(rows, cols);
    }

    @Override
    public void write(Matrix dst, float[] src, int offset) {
        inner.write(dst, src, offset);
    }

    @Override
    public void read(Matrix src, float[] dst, int offset) {
        inner.read(src, dst, offset);
    }

    @Override
    public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
        inner.feedforward(w, b, aIn, z, aOut, f);
    }

    @Override
    public void outputError(Cost c, Activation f, Matrix aOut, Matrix z, Matrix y, Matrix delta) {
        inner.outputError(c, f, aOut, z, y, delta);
    }

    @Override
    public double cost(Cost c, Matrix aOut, Matrix y) {
        return inner.cost(c, aOut, y);
    }

    @Override
    public void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
        inner.backpropagate(wNext, deltaNext, z, f, delta);
    }

    @Override
    public void biasGradient(Matrix delta, Matrix gradB) {
        inner.biasGradient(delta, gradB);
    }

    @Override
    public void weightGradient(Matrix delta, Matrix aIn, Matrix gradW) {
        inner.weightGradient(delta, aIn, gradW);
    }

    @Override
    public void update(Matrix param, Matrix grad, float eta, float decay) {
        inner.update(param, grad, eta, decay);
    }

    @Override
    public void regularize(Matrix grad, Matrix param, float l2, float l1) {
        inner.regularize(grad, param, l2, l1);
    }

    @Override
    public void momentumStep(Matrix param, Matrix grad, Matrix velocity, float eta, float mu, boolean nesterov) {
        inner.momentumStep(param, grad, velocity, eta, mu, nesterov);
    }

    @Override
    public void adamStep(Matrix param, Matrix grad, Matrix m, Matrix v, float eta, float beta1, float beta2,
            float epsilon, long t, float decay) {
        inner.adamStep(param, grad, m, v, eta, beta1, beta2, epsilon, t, decay);
    }

    @Override
    public void rmsPropStep(Matrix param, Matrix grad, Matrix meanSquare, float eta, float rho, float epsilon) {
        inner.rmsPropStep(param, grad, meanSquare, eta, rho, epsilon);
    }

    @Override
    public void dropout(Matrix values, Matrix mask) {
        inner.dropout(values, mask);
    }

    @Override
    public void close() {
        inner.close();
    }
}
