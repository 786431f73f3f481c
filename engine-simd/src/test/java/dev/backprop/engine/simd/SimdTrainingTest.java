package dev.backprop.engine.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.Backpropagation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.spi.Engine;
import dev.backprop.tck.EngineChecks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine under the generic algorithm ({@link Backpropagation}): whole gradients and an SGD
 * step against the kit's double-precision oracle, the fused step against the separate one, and a
 * training step that allocates nothing once warm.
 */
class SimdTrainingTest {
    static Stream<Arguments> networks() {
        List<Arguments> all = new ArrayList<>();
        Activation[] hidden = {Activations.SIGMOID, Activations.TANH, Activations.RELU,
                Activations.IDENTITY, EngineChecks.CUSTOM_ACTIVATION};
        Object[][] outputs = {{Activations.SIGMOID, Costs.QUADRATIC}, {Activations.SIGMOID, Costs.CROSS_ENTROPY},
                {Activations.SOFTMAX, Costs.LOG_LIKELIHOOD}, {Activations.IDENTITY, Costs.QUADRATIC}};
        for (Activation h : hidden) {
            for (Object[] o : outputs) {
                // Small, odd widths (direct products) and batch 100 with wider layers (packed, split).
                all.add(Arguments.of(new int[] {37, 33, 17, 10}, 23, h, o[0], o[1]));
                all.add(Arguments.of(new int[] {100, 70, 40, 10}, 100, h, o[0], o[1]));
            }
        }
        return all.stream();
    }

    /**
     * BP1–BP4 through the algorithm: ∂C/∂w and ∂C/∂b of every layer within the oracle's chained
     * bound; then one SGD step with L2 the way Trainer takes it (BP4 fused with the update), the
     * parameters after it within one oracle step of the same parameters.
     */
    @ParameterizedTest(name = "{0} batch {1}, hidden {2}, output {3}, {4}")
    @MethodSource("networks")
    void gradientsAndAStepMatchTheOracle(int[] sizes, int batch, Activation hidden, Activation output, Cost cost) {
        Network.Builder builder = Network.builder(sizes[0]);
        for (int l = 1; l < sizes.length - 1; l++) {
            builder.layer(sizes[l], hidden);
        }
        Network network = builder.layer(sizes[sizes.length - 1], output).cost(cost).build();
        try (Engine engine = new SimdEngine(2)) {
            EngineChecks checks = new EngineChecks(engine);
            double worst = Math.max(checks.gradient(network, batch, 7), checks.step(network, batch, 0.5f, 1e-4f, 8));
            assertTrue(worst <= 1, "worst |error| / tolerance " + worst);
        }
    }

    /**
     * Once the buffers of a batch size exist, a training step (feedforward, BP1–BP4, update; fused
     * and not) allocates nothing, on the calling thread nor on the engine's workers: the book's network at
     * batch 10 (direct products, one thread) and two wider ones at batch 100 (packed and split), one of
     * them the JMH suite's [784, 100, 10], where a kernel that only C1 had compiled once allocated
     * 6.8 MB a step.
     */
    @Test
    void aTrainingStepAllocatesNothingOnceWarm() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter");
        Assumptions.assumeTrue(Platform.MASKED_MEMORY, "without masked vector stores (x86 without AVX, AArch64 without SVE) "
                + "the Vector API's Java fallback writes row tails and allocates; the results are the same");
        assertNoAllocation(Network.of(784, 30, 10), 10);
        assertNoAllocation(Network.of(784, 300, 10), 100);
        assertNoAllocation(Network.of(784, 100, 10), 100);
    }

    private static void assertNoAllocation(Network network, int m) {
        float[] x = Fixtures.random(1, m * network.inputWidth(), 0, 1);
        float[] y = new float[m * network.outputWidth()];
        for (int i = 0; i < m; i++) {
            y[i * network.outputWidth() + i % network.outputWidth()] = 1;
        }
        try (Engine engine = new SimdEngine(2); Backpropagation bp = Backpropagation.open(engine, network)) {
            bp.setParameters(Parameters.initialize(network, Init.STANDARD_NORMAL, 1));
            // Until C2 has compiled the kernels, the Vector API's interpreted and C1 code boxes
            // every vector on the heap, and a method called once per step needs some 10^4 steps
            // to get there. So measure rounds of steps until one is quiet, and fail only if none
            // is within a generous time budget (a kernel that allocates even once compiled).
            step(bp, x, y, m);
            List<Thread> workers = workers();
            long perStep = Long.MAX_VALUE;
            int steps = 100;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (perStep >= 16 && System.nanoTime() < deadline) {
                long before = allocated(workers);
                for (int i = 0; i < steps; i++) {
                    step(bp, x, y, m);
                }
                perStep = (allocated(workers) - before) / steps;
            }
            // The counters themselves may allocate a few bytes; a boxed Integer per step is 16.
            assertTrue(perStep < 16, network + " batch " + m + ": a warm training step allocated " + perStep + " bytes");
        }
    }

    /** The engine's worker threads (started by the first split product). */
    private static List<Thread> workers() {
        List<Thread> workers = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("backprop-simd-")) {
                workers.add(t);
            }
        }
        return workers;
    }

    /** Bytes allocated so far by the workers and this thread, whose counter is read last. */
    private static long allocated(List<Thread> workers) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread t : workers) {
            total += Math.max(0, threads.getThreadAllocatedBytes(t.threadId()));
        }
        return total + threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
    }

    /** Two training steps: the fused one Trainer takes, and backpropagate then update. */
    private static void step(Backpropagation bp, float[] x, float[] y, int m) {
        bp.feedforward(x, 0, m);
        bp.setTargets(y, 0);
        bp.step(0.1f, 0f);
        bp.feedforward(x, 0, m);
        bp.setTargets(y, 0);
        bp.backpropagate();
        bp.update(0.1f, 0f);
    }

    static Stream<Arguments> fusedShapes() {
        return Stream.of(
                // The book's: 4 × 4-vector blocks, a 16-column tail, two rows left over.
                Arguments.of(new int[] {784, 30, 10}, 10),
                // Narrow, odd widths: only the edge paths of the fused kernel.
                Arguments.of(new int[] {37, 33, 17, 10}, 23),
                // Packed products, on one thread: the update runs per finished strip.
                Arguments.of(new int[] {100, 70, 40, 10}, 100),
                // Packed and split over the threads (300 × 784 × 257 multiply-adds).
                Arguments.of(new int[] {784, 300, 10}, 257),
                // Direct (20 rows are too few to pack) and split by columns over the threads
                // (20 × 6000 × 10 ≥ 2^20 multiply-adds): the second thread's fused blocks start at a
                // column other than 0.
                Arguments.of(new int[] {6000, 20, 10}, 10));
    }

    /**
     * {@code Backpropagation.step} (BP4 fused with Eq. 93, in the kernel's registers) leaves the
     * same bits in W and b as {@code backpropagate} then {@code update}, step after step: the
     * fused kernel repeats the update's operations exactly, so the two paths may never drift.
     */
    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("fusedShapes")
    void theFusedStepGivesTheBitsOfBackpropagateThenUpdate(int[] sizes, int batch) {
        Network network = Network.of(sizes);
        Parameters start = Parameters.initialize(network, Init.STANDARD_NORMAL, 3);
        float[] x = Fixtures.random(4, batch * sizes[0], 0, 1);
        float[] y = Fixtures.random(5, batch * network.outputWidth(), 0, 1);
        Parameters[] after = new Parameters[2];
        for (int fused = 0; fused < 2; fused++) {
            try (Engine e = new SimdEngine(2); Backpropagation bp = Backpropagation.open(e, network)) {
                bp.setParameters(start);
                for (int step = 0; step < 3; step++) {
                    bp.feedforward(x, 0, batch);
                    bp.setTargets(y, 0);
                    if (fused == 1) {
                        bp.step(0.5f, 1e-4f);
                    } else {
                        bp.backpropagate();
                        bp.update(0.5f, 1e-4f);
                    }
                }
                after[fused] = Parameters.zeros(network);
                bp.getParameters(after[fused]);
            }
        }
        for (int l = 0; l < network.depth(); l++) {
            assertArrayEquals(after[0].weights(l), after[1].weights(l), network + " w of layer " + (l + 2));
            assertArrayEquals(after[0].biases(l), after[1].biases(l), network + " b of layer " + (l + 2));
            assertFalse(Arrays.equals(start.weights(l), after[1].weights(l)), "the steps moved no weight of layer " + (l + 2));
        }
    }
}
