package dev.backprop.engine.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.spi.Checks;
import dev.backprop.spi.Engine;
import dev.backprop.spi.HostSteps;
import dev.backprop.spi.Matrix;
import dev.backprop.spi.OwnedMatrix;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine: every matrix is a device buffer, every equation a kernel launch on one in-order
 * queue. Nothing waits for the device except {@link #read} and {@link #cost} (the host needs
 * their result) and a {@link #write} into a matrix whose previous write may still be copying.
 *
 * <p>Each operation first checks that the engine is open and every matrix its own, then the
 * shapes (with {@link Checks}, the words every engine uses), then enqueues. Only the built-in
 * activations and costs exist as kernels; {@link #supports} says so, so that
 * {@code Backpropagation.open} refuses a custom one before any arithmetic.
 *
 * <p>Not thread-safe, like every engine: one thread at a time.
 */
final class OpenClEngine implements Engine {
    private final Cl cl;
    private final DeviceInfo device;
    /** Staging and scratch memory; shared, because close() may come from another thread than the work. */
    private final Arena arena;
    private final ClContext context;
    private final Kernels kernels;
    private final MemorySegment eventSlot;
    private final List<ClMatrix> matrices = new ArrayList<>();
    /** The cost's per-row partial sums, grown to the largest batch seen. */
    private MemorySegment partials;
    private MemorySegment partialsHost;
    private int partialsCapacity;
    private boolean closed;

    OpenClEngine(Cl cl, DeviceInfo device) {
        this.cl = cl;
        this.device = device;
        Arena a = Arena.ofShared();
        ClContext c = null;
        try {
            c = ClContext.create(cl, device);
            kernels = Kernels.build(c, a);
        } catch (RuntimeException | Error e) {
            if (c != null) {
                c.close();
            }
            a.close();
            throw e;
        }
        arena = a;
        context = c;
        eventSlot = arena.allocate(ADDRESS);
    }

    @Override
    public String name() {
        return "opencl";
    }

    /** The device and the matrix-product block, for reports. */
    String describe() {
        return device.describe() + ", block " + kernels.blocks() + (kernels.fp64 ? ", cost in double" : ", cost in float");
    }

    /** "opencl engine on " and {@link #describe()}: what a tool that opened it by name can print. */
    @Override
    public String toString() {
        return "opencl engine on " + describe();
    }

    @Override
    public boolean supports(Activation f) {
        return f instanceof Activations;
    }

    @Override
    public boolean supports(Cost c) {
        return c instanceof Costs;
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        checkOpen();
        Checks.allocate(rows, cols);
        long bytes = (long) rows * cols * Float.BYTES;
        if (bytes > device.maxAllocation()) {
            throw new IllegalArgumentException("allocate: " + rows + "×" + cols + " needs " + (bytes >> 20)
                    + " MiB, and OpenCL device " + device.name() + " allows at most " + (device.maxAllocation() >> 20)
                    + " MiB per buffer");
        }
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment error = temp.allocate(JAVA_INT);
            MemorySegment buffer = cl.createBuffer(context.context, ClConstants.CL_MEM_READ_WRITE, bytes, error);
            Cl.check(error, "clCreateBuffer(" + rows + "×" + cols + ")");
            ClMatrix m = new ClMatrix(this, rows, cols, cl.created(buffer));
            matrices.add(m);
            return m;
        }
    }

    /**
     * Copies the floats into the matrix's native staging memory and enqueues a non-blocking write
     * from there: the Java array may change as soon as this returns, the staging copy does not.
     * Before the staging memory is refilled, the write that last read it is waited for; in training
     * that write finished long ago (it was the first command of the previous mini-batch).
     */
    @Override
    public void write(Matrix dst, float[] src, int offset) {
        ClMatrix d = transferring("write", dst, "dst", src, offset);
        MemorySegment staging = staging(d);
        MemorySegment.copy(src, offset, staging, JAVA_FLOAT, 0, d.size());
        Cl.check(cl.enqueueWriteBuffer(context.queue, d.buffer, false, d.bytes(), staging, eventSlot),
                "clEnqueueWriteBuffer");
        d.pendingWrite = cl.created(eventSlot.get(ADDRESS, 0));
        // Hand the queue to the device now: a write starts a mini-batch, and without a flush a
        // driver may hold the previous batch's kernels until the next blocking call.
        Cl.check(cl.flush(context.queue), "clFlush");
    }

    /** A blocking read: the in-order queue first finishes every kernel that writes this matrix. */
    @Override
    public void read(Matrix src, float[] dst, int offset) {
        ClMatrix s = transferring("read", src, "src", dst, offset);
        MemorySegment staging = staging(s);
        Cl.check(cl.enqueueReadBuffer(context.queue, s.buffer, true, s.bytes(), staging, MemorySegment.NULL),
                "clEnqueueReadBuffer");
        MemorySegment.copy(staging, JAVA_FLOAT, 0, dst, offset, s.size());
    }

    @Override
    public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
        ClMatrix W = own(w, "w");
        ClMatrix B = own(b, "b");
        ClMatrix A = own(aIn, "aIn");
        ClMatrix Z = own(z, "z");
        ClMatrix out = own(aOut, "aOut");
        Checks.feedforward(w, b, aIn, z, aOut);
        int act = FunctionCodes.activation(f, "feedforward");
        // Eq. 25: z = w a + b, a = σ(z), fused in one kernel; softmax then normalises each row.
        kernels.feedforward(W, B, A, Z, out, act);
        if (f == Activations.SOFTMAX) {
            kernels.softmaxRows(Z, out);
        }
    }

    @Override
    public void outputError(Cost c, Activation f, Matrix aOut, Matrix z, Matrix y, Matrix delta) {
        ClMatrix A = own(aOut, "aOut");
        ClMatrix Z = own(z, "z");
        ClMatrix Y = own(y, "y");
        ClMatrix D = own(delta, "delta");
        Checks.outputError(c, f, aOut, z, y, delta);
        int cost = FunctionCodes.cost(c, "outputError (BP1)");
        int act = FunctionCodes.activation(f, "outputError (BP1)");
        // BP1: δ^L = ∇_a C ⊙ σ′(z^L).
        kernels.outputError(cost, act, A, Z, Y, D);
    }

    /** The per-row sums come back (blocking) and are added in row order in double, here. */
    @Override
    public double cost(Cost c, Matrix aOut, Matrix y) {
        ClMatrix A = own(aOut, "aOut");
        ClMatrix Y = own(y, "y");
        Checks.cost(aOut, y);
        int cost = FunctionCodes.cost(c, "cost");
        int m = A.rows();
        long width = kernels.fp64 ? Double.BYTES : Float.BYTES;
        ensurePartials(m, width);
        kernels.costRows(cost, A, Y, partials);
        Cl.check(cl.enqueueReadBuffer(context.queue, partials, true, m * width, partialsHost, MemorySegment.NULL),
                "clEnqueueReadBuffer(cost)");
        double sum = 0;
        for (int x = 0; x < m; x++) {
            sum += kernels.fp64 ? partialsHost.getAtIndex(JAVA_DOUBLE, x) : partialsHost.getAtIndex(JAVA_FLOAT, x);
        }
        // C = (1/m) Σ_x C_x.
        return sum / m;
    }

    @Override
    public void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
        ClMatrix W = own(wNext, "wNext");
        ClMatrix DN = own(deltaNext, "deltaNext");
        ClMatrix Z = own(z, "z");
        ClMatrix D = own(delta, "delta");
        Checks.backpropagate(wNext, deltaNext, z, f, delta);
        int act = FunctionCodes.activation(f, "backpropagate (BP2)");
        // BP2: δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l), fused in one kernel.
        kernels.backpropagate(W, DN, Z, D, act);
    }

    @Override
    public void biasGradient(Matrix delta, Matrix gradB) {
        ClMatrix D = own(delta, "delta");
        ClMatrix G = own(gradB, "gradB");
        Checks.biasGradient(delta, gradB);
        // BP3: ∂C/∂b = δ, averaged over the mini-batch.
        kernels.columnMeans(D, G);
    }

    @Override
    public void weightGradient(Matrix delta, Matrix aIn, Matrix gradW) {
        ClMatrix D = own(delta, "delta");
        ClMatrix A = own(aIn, "aIn");
        ClMatrix G = own(gradW, "gradW");
        Checks.weightGradient(delta, aIn, gradW);
        // BP4: ∂C/∂w_jk = a^{l−1}_k δ^l_j, averaged over the mini-batch.
        kernels.weightGradient(D, A, G);
    }

    @Override
    public void update(Matrix param, Matrix grad, float eta, float decay) {
        ClMatrix P = own(param, "param");
        ClMatrix G = own(grad, "grad");
        Checks.update(param, grad, eta, decay);
        // Eq. 93: w → (1 − ηλ/n) w − η ∂C/∂w; keep rounded on the host as the reference rounds it.
        float keep = 1 - decay;
        kernels.update(P, G, keep, eta);
    }

    @Override
    public void regularize(Matrix grad, Matrix param, float l2, float l1) {
        ClMatrix G = own(grad, "grad");
        ClMatrix P = own(param, "param");
        Checks.regularize(grad, param, l2, l1);
        // Eq. 87 and Eq. 96: ∂C/∂w + (λ/n) w + (λ₁/n) sgn(w), sgn(0) = 0.
        kernels.steps.regularize(G, P, l2, l1);
    }

    @Override
    public void momentumStep(Matrix param, Matrix grad, Matrix velocity, float eta, float mu, boolean nesterov) {
        ClMatrix P = own(param, "param");
        ClMatrix G = own(grad, "grad");
        ClMatrix V = own(velocity, "velocity");
        Checks.momentumStep(param, grad, velocity, eta, mu);
        // v → μv − η∇C, w → w + v (Nesterov: w → w + μv − η∇C); v stays on the device.
        kernels.steps.momentumStep(P, G, V, eta, mu, nesterov);
    }

    @Override
    public void adamStep(Matrix param, Matrix grad, Matrix m, Matrix v, float eta, float beta1, float beta2,
            float epsilon, long t, float decay) {
        ClMatrix P = own(param, "param");
        ClMatrix G = own(grad, "grad");
        ClMatrix M = own(m, "m");
        ClMatrix V = own(v, "v");
        Checks.adamStep(param, grad, m, v, eta, beta1, beta2, epsilon, t, decay);
        // Kingma and Ba's step; its scalars rounded on the host as the reference engine rounds them.
        kernels.steps.adamStep(P, G, M, V, beta1, beta2, epsilon, HostSteps.adamStepSize(eta, beta1, t),
                HostSteps.adamCorrection2(beta2, t), 1 - decay);
    }

    @Override
    public void rmsPropStep(Matrix param, Matrix grad, Matrix meanSquare, float eta, float rho, float epsilon) {
        ClMatrix P = own(param, "param");
        ClMatrix G = own(grad, "grad");
        ClMatrix R = own(meanSquare, "meanSquare");
        Checks.rmsPropStep(param, grad, meanSquare, eta, rho, epsilon);
        // r → ρr + (1 − ρ)g², w → w − η g / (√r + ε).
        kernels.steps.rmsPropStep(P, G, R, eta, rho, epsilon);
    }

    @Override
    public void dropout(Matrix values, Matrix mask) {
        ClMatrix X = own(values, "values");
        ClMatrix R = own(mask, "mask");
        Checks.dropout(values, mask);
        // a^l ⊙ r^l after Eq. 25, δ^l ⊙ r^l after BP2.
        kernels.steps.dropout(X, R);
    }

    /**
     * Waits for the queue, then releases every event, buffer, kernel, the program, the queue and
     * the context, and frees the staging memory. A second call does nothing. The first failure
     * is thrown after everything else has been released.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        int finished = cl.finish(context.queue);
        if (finished != ClConstants.CL_SUCCESS) {
            failure = new ClException("clFinish", finished);
        }
        for (ClMatrix m : matrices) {
            if (m.pendingWrite != null) {
                failure = firstFailure(failure, cl.releaseEvent(m.pendingWrite), "clReleaseEvent");
                m.pendingWrite = null;
            }
            failure = firstFailure(failure, cl.releaseMemObject(m.buffer), "clReleaseMemObject");
        }
        matrices.clear();
        if (partials != null) {
            failure = firstFailure(failure, cl.releaseMemObject(partials), "clReleaseMemObject");
        }
        try {
            kernels.close();
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        try {
            context.close();
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        arena.close();
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException firstFailure(RuntimeException failure, int code, String call) {
        return failure != null || code == ClConstants.CL_SUCCESS ? failure : new ClException(call, code);
    }

    /**
     * The matrix of a write or a read, its ownership and the array's range checked, once the write
     * that last read its staging memory is done: the staging memory may then be refilled or read into.
     */
    private ClMatrix transferring(String operation, Matrix m, String argument, float[] array, int offset) {
        ClMatrix owned = own(m, argument);
        Checks.transfer(operation, m, array, offset);
        awaitWrite(owned);
        return owned;
    }

    private void awaitWrite(ClMatrix m) {
        if (m.pendingWrite != null) {
            eventSlot.set(ADDRESS, 0, m.pendingWrite);
            int waited = cl.waitForEvents(eventSlot);
            int released = cl.releaseEvent(m.pendingWrite);
            m.pendingWrite = null;
            Cl.check(waited, "clWaitForEvents(write)");
            Cl.check(released, "clReleaseEvent");
        }
    }

    private MemorySegment staging(ClMatrix m) {
        if (m.staging == null) {
            m.staging = arena.allocate(m.bytes(), 64);
        }
        return m.staging;
    }

    private void ensurePartials(int rows, long width) {
        if (rows <= partialsCapacity) {
            return;
        }
        if (partials != null) {
            Cl.check(cl.releaseMemObject(partials), "clReleaseMemObject");
            partials = null;
            partialsCapacity = 0;
        }
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment error = temp.allocate(JAVA_INT);
            MemorySegment buffer = cl.createBuffer(context.context, ClConstants.CL_MEM_READ_WRITE, rows * width, error);
            Cl.check(error, "clCreateBuffer(cost partial sums)");
            partials = cl.created(buffer);
        }
        partialsHost = arena.allocate(rows * width, 64);
        partialsCapacity = rows;
    }

    private void checkOpen() {
        if (closed) {
            throw Checks.closed(this);
        }
    }

    private ClMatrix own(Matrix m, String argument) {
        checkOpen();
        return OwnedMatrix.owned(m, ClMatrix.class, this, argument);
    }
}
