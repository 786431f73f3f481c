package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.Backpropagation;
import dev.backprop.Engines;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Optimizer;
import dev.backprop.Parameters;
import dev.backprop.Regularization;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No optimiser allocates per step, on any engine: after the first steps (buffers, state, JIT),
 * a step of each rule (with L2, L1 and dropout masks written from a preallocated array) adds
 * nothing to the training thread's allocation counter, which counts bytes, not time. On the heap
 * engines that is nothing at all; the OpenCL engine allocates a handle for the event of every
 * host-to-device write (the mini-batch's x and y, and here the mask: the 80 bytes per plain SGD
 * step that bench/RESULTS.md reports), so there a rule must allocate no more than plain SGD with
 * the same writes. JMH's {@code OptimizerStepBenchmark -prof gc} measures the same with the
 * harness subtracted. The chapter 1 steps without a rule (Trainer's fused step, and backpropagate
 * then update) allocate nothing at all on the heap engines.
 */
class OptimizerAllocationTest {
    private static final Optimizer[] RULES = {Optimizer.momentum(0.9), Optimizer.nesterov(0.9), Optimizer.adam(),
        Optimizer.adamW(0.01), Optimizer.rmsProp()};
    private static final Network NETWORK = Network.of(784, 30, 10);
    private static final int M = 130; // above 127, where a boxed batch size would no longer come from the Integer cache
    private static final float[] X = new float[M * 784];
    private static final float[] Y = new float[M * 10];

    static {
        for (int i = 0; i < X.length; i++) {
            X[i] = (i % 7) / 7f;
        }
        for (int i = 0; i < M; i++) {
            Y[i * 10 + i % 10] = 1;
        }
    }

    /** One training step, taken many times on one {@link Backpropagation}. */
    private interface Step {
        void take(Backpropagation bp);
    }

    static List<String> engines() {
        return Engines.load().providers().stream().map(EngineProvider::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aStepOfEveryRuleAllocatesNoMoreThanPlainSgd(String engineName) {
        EngineProvider provider = availableWithCounter(engineName);
        float[][] masks = {new float[M * 30]};
        Random random = new Random(1);
        Regularization penalty = new Regularization(5.0, 1.0, 50_000);
        Step withDropoutAndPenalty = bp -> {
            for (int j = 0; j < masks[0].length; j++) {
                masks[0][j] = random.nextFloat() < 0.5f ? 0f : 2f;
            }
            bp.feedforward(X, 0, M, masks);
            bp.setTargets(Y, 0);
            bp.step(1e-4, penalty);
        };
        long sgd = bytesPerStep(provider, Optimizer.sgd(), withDropoutAndPenalty);
        boolean heap = !engineName.equals("opencl");
        if (heap) {
            assertTrue(sgd < 16, "plain SGD with L1 and dropout on " + engineName + " allocated " + sgd + " bytes per step");
        }
        for (Optimizer rule : RULES) {
            long perStep = bytesPerStep(provider, rule, withDropoutAndPenalty);
            // Not zero: the counter itself may allocate a few bytes; one boxed Integer or one
            // lambda per step would already be 16 bytes per step.
            assertTrue(perStep < (heap ? 16 : sgd + 16), rule + " on " + engineName + " allocated " + perStep
                    + " bytes per step (plain SGD with the same writes: " + sgd + ")");
        }
    }

    /** Buffers are allocated once per batch size: after that, chapter 1's steps allocate nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theFusedStepAndBackpropagateThenUpdateAllocateNothingOnceBuffersExist(String engineName) {
        EngineProvider provider = availableWithCounter(engineName);
        assumeFalse(engineName.equals("opencl"), "the OpenCL engine allocates an event handle per host-to-device write;"
                + " the rules' test bounds it by plain SGD's");
        long perStep = bytesPerStep(provider, Optimizer.sgd(), bp -> {
            bp.feedforward(X, 0, M);
            bp.setTargets(Y, 0);
            bp.step(0.1f, 0f);
            bp.feedforward(X, 0, M);
            bp.setTargets(Y, 0);
            bp.backpropagate();
            bp.update(0.1f, 0f);
        });
        assertTrue(perStep < 16, "a steady-state training step on " + engineName + " allocated " + perStep + " bytes");
    }

    /** The provider named {@code engineName}, after assuming that it and the thread allocation counter are here. */
    private static EngineProvider availableWithCounter(String engineName) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter (com.sun.management.ThreadMXBean)");
        EngineProvider provider = Engines.load().providers().stream().filter(p -> p.name().equals(engineName)).findFirst()
                .orElseThrow();
        assumeTrue(provider.availability().available(), engineName + " is unavailable here: "
                + provider.availability().detail());
        return provider;
    }

    /**
     * Bytes per step in the last of rounds of 200 steps, run until a round allocates nothing, or
     * after 5 s until five rounds in a row allocate the same (the OpenCL engine's events), or for
     * 30 s: the SIMD engine's vector code boxes every vector until C2 has compiled all of it,
     * which takes a few thousand steps.
     */
    private static long bytesPerStep(EngineProvider provider, Optimizer rule, Step step) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Engine engine = provider.open(); Backpropagation bp = Backpropagation.open(engine, NETWORK)) {
            bp.setParameters(Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 1));
            bp.setOptimizer(rule);
            long thread = Thread.currentThread().getId();
            long perStep = Long.MAX_VALUE;
            long start = System.nanoTime();
            long stable = 0;
            while (perStep >= 16 && System.nanoTime() - start < 30_000_000_000L
                    && (stable < 5 || System.nanoTime() - start < 5_000_000_000L)) {
                long before = threads.getThreadAllocatedBytes(thread);
                int steps = 200;
                for (int i = 0; i < steps; i++) {
                    step.take(bp);
                }
                long now = (threads.getThreadAllocatedBytes(thread) - before) / steps;
                stable = now == perStep ? stable + 1 : 0;
                perStep = now;
            }
            return perStep;
        }
    }
}
