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
