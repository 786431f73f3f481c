package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Backpropagation;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.spi.Engine;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Buffers are allocated once per session: after the first mini-batch of a size, a training step
 * (feedforward, BP1–BP4, update) allocates nothing on the Java heap. Measured with the thread's
 * allocation counter, which counts bytes, not time, so the check is not timing-dependent.
 */
class SteadyStateAllocationTest {

    @Test
    void aTrainingStepAllocatesNothingOnceBuffersExist() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter (com.sun.management.ThreadMXBean)");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Network network = Network.of(784, 30, 10);
        int m = 200; // above 127, where a boxed batch size would no longer come from the Integer cache
        float[] x = new float[m * 784];
        float[] y = new float[m * 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) / 7f;
        }
        for (int i = 0; i < m; i++) {
            y[i * 10 + i % 10] = 1;
        }
        try (Engine engine = new RefEngineProvider().open(); Backpropagation bp = Backpropagation.open(engine, network)) {
            bp.setParameters(Parameters.initialize(network, Init.STANDARD_NORMAL, 1));
            step(bp, x, y, m);
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            int steps = 50;
            for (int i = 0; i < steps; i++) {
                step(bp, x, y, m);
            }
            long perStep = (threads.getThreadAllocatedBytes(thread) - before) / steps;
            // Not zero: the counter itself may allocate a few bytes; one boxed Integer or one
            // lambda per step would already be 16 bytes per step.
            assertTrue(perStep < 16, "a steady-state training step allocated " + perStep + " bytes");
        }
    }

    /** The same for chapter 3's steps: every rule, with L2, L1 and dropout masks, allocates nothing once warm. */
    @Test
    void everyOptimizersStepWithDropoutAllocatesNothingOnceWarm() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter (com.sun.management.ThreadMXBean)");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Network network = Network.of(784, 30, 10);
        int m = 200;
        float[] x = new float[m * 784];
        float[] y = new float[m * 10];
        for (int i = 0; i < m; i++) {
            y[i * 10 + i % 10] = 1;
        }
        float[][] masks = {new float[m * 30]};
        dev.backprop.Regularization penalty = new dev.backprop.Regularization(5, 1, 50_000);
        for (dev.backprop.Optimizer rule : new dev.backprop.Optimizer[] {dev.backprop.Optimizer.sgd(),
            dev.backprop.Optimizer.nesterov(0.9), dev.backprop.Optimizer.adamW(0.01), dev.backprop.Optimizer.rmsProp()}) {
            try (Engine engine = new RefEngineProvider().open(); Backpropagation bp = Backpropagation.open(engine, network)) {
                bp.setParameters(Parameters.initialize(network, Init.STANDARD_NORMAL, 1));
                bp.setOptimizer(rule);
                long thread = Thread.currentThread().getId();
                long perStep = Long.MAX_VALUE;
                // Until C2 has compiled the loops, escape analysis may not remove every temporary.
                for (int round = 0; round < 40 && perStep >= 16; round++) {
                    long before = threads.getThreadAllocatedBytes(thread);
                    for (int i = 0; i < 50; i++) {
                        java.util.Arrays.fill(masks[0], (i & 1) == 0 ? 0f : 2f);
                        masks[0][i] = 2f;
                        bp.feedforward(x, 0, m, masks);
                        bp.setTargets(y, 0);
                        bp.step(1e-3, penalty);
                    }
                    perStep = (threads.getThreadAllocatedBytes(thread) - before) / 50;
                }
                assertTrue(perStep < 16, rule + ": a steady-state step allocated " + perStep + " bytes");
            }
        }
    }

    /** Two steps: Trainer's fused one, and backpropagate then update. */
    private static void step(Backpropagation bp, float[] x, float[] y, int m) {
        bp.feedforward(x, 0, m);
        bp.setTargets(y, 0);
        bp.step(0.1f, 0f);
        bp.feedforward(x, 0, m);
        bp.setTargets(y, 0);
        bp.backpropagate();
        bp.update(0.1f, 0f);
    }
}
