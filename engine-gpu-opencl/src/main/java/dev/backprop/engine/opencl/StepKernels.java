package dev.backprop.engine.opencl;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The kernels of chapter 3's steps (elementwise.cl: regularize, momentum_step, adam_step,
 * rmsprop_step, dropout), one work-item per element, and their launches through {@link Kernels}.
 * Their state (velocities, moments) is device buffers like every matrix, so a step moves nothing
 * between host and device.
 */
final class StepKernels {
    private final Kernels launcher;
    private final MemorySegment regularize;
    private final MemorySegment momentumStep;
    private final MemorySegment adamStep;
    private final MemorySegment rmsPropStep;
    private final MemorySegment dropout;

    StepKernels(Kernels launcher, ClProgram program) {
        this.launcher = launcher;
        regularize = program.kernel("regularize");
        momentumStep = program.kernel("momentum_step");
        adamStep = program.kernel("adam_step");
        rmsPropStep = program.kernel("rmsprop_step");
        dropout = program.kernel("dropout");
    }

    /** The kernels, for the work-group limit they share with the other one-dimensional kernels. */
    List<MemorySegment> kernels() {
        return List.of(regularize, momentumStep, adamStep, rmsPropStep, dropout);
    }

    /** Eq. 87 and Eq. 96: the regularised gradient, in place. */
    void regularize(ClMatrix grad, ClMatrix param, float l2, float l1) {
        MemorySegment k = regularize;
        launcher.arg(k, 0, grad);
        launcher.arg(k, 1, param);
        launcher.arg(k, 2, l2);
        launcher.arg(k, 3, l1);
        launcher.arg(k, 4, grad.size());
        launcher.runLinear(k, "regularize", grad.size());
    }

    /** The book's momentum, or Nesterov's. */
    void momentumStep(ClMatrix param, ClMatrix grad, ClMatrix velocity, float eta, float mu, boolean nesterov) {
        MemorySegment k = momentumStep;
        launcher.arg(k, 0, param);
        launcher.arg(k, 1, grad);
        launcher.arg(k, 2, velocity);
        launcher.arg(k, 3, eta);
        launcher.arg(k, 4, mu);
        launcher.arg(k, 5, nesterov ? 1 : 0);
        launcher.arg(k, 6, param.size());
        launcher.runLinear(k, "momentum_step", param.size());
    }

    /** Adam, with the host's α_t, √(1 − β₂^t) and 1 − decay. */
    void adamStep(ClMatrix param, ClMatrix grad, ClMatrix m, ClMatrix v, float beta1, float beta2, float epsilon,
                  float stepSize, float correction2, float keep) {
        MemorySegment k = adamStep;
        launcher.arg(k, 0, param);
        launcher.arg(k, 1, grad);
        launcher.arg(k, 2, m);
        launcher.arg(k, 3, v);
        launcher.arg(k, 4, beta1);
        launcher.arg(k, 5, beta2);
        launcher.arg(k, 6, epsilon);
        launcher.arg(k, 7, stepSize);
        launcher.arg(k, 8, correction2);
        launcher.arg(k, 9, keep);
        launcher.arg(k, 10, param.size());
        launcher.runLinear(k, "adam_step", param.size());
    }

    /** RMSProp. */
    void rmsPropStep(ClMatrix param, ClMatrix grad, ClMatrix meanSquare, float eta, float rho, float epsilon) {
        MemorySegment k = rmsPropStep;
        launcher.arg(k, 0, param);
        launcher.arg(k, 1, grad);
        launcher.arg(k, 2, meanSquare);
        launcher.arg(k, 3, eta);
        launcher.arg(k, 4, rho);
        launcher.arg(k, 5, epsilon);
        launcher.arg(k, 6, param.size());
        launcher.runLinear(k, "rmsprop_step", param.size());
    }

    /** Dropout's mask, in place. */
    void dropout(ClMatrix values, ClMatrix mask) {
        MemorySegment k = dropout;
        launcher.arg(k, 0, values);
        launcher.arg(k, 1, mask);
        launcher.arg(k, 2, values.size());
        launcher.runLinear(k, "dropout", values.size());
    }
}
