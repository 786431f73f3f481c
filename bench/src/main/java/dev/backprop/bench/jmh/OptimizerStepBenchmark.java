package dev.backprop.bench.jmh;

import dev.backprop.bench.EngineNames;

import dev.backprop.Optimizer;
import dev.backprop.Regularization;

import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: what does each of chapter 3's rules cost per training step, and does any allocate?
 * One step is the mini-batch in, feedforward, BP1–BP4 and the rule's step through
 * {@code Backpropagation.step(eta, regularization)}: plain SGD is the fused path (BP4 and Eq. 93
 * in one pass); every other rule computes ∂C/∂W first, then adds the penalty's gradient (when
 * λ or λ₁ is set) and steps with its state. {@code dropout} is SGD with masks drawn for every
 * step from a preallocated array (what Trainer does). Run with {@code -prof gc}: after warm-up
 * {@code gc.alloc.rate.norm} must show only the harness's few bytes (see {@link AllocationBenchmark}).
 * The time per step against {@code sgd}'s answers "does fusing the rule with BP4 pay".
 */
public class OptimizerStepBenchmark extends StepTiming {

    /** The engine, the book's [784, 100, 10] at its mini-batch of 10, and the rule. */
    @State(Scope.Thread)
    public static class Training {
        @Param({EngineNames.REF, EngineNames.SIMD, EngineNames.OPENCL})
        public String engine;

        @Param({"sgd", "sgd-l1", "momentum", "nesterov", "adam", "adamw", "rmsprop", "dropout"})
        public String rule;

        TrainingSession session;
        Regularization penalty;
        float[][] masks;
        Random random;

        @Setup
        public void setUp() {
            session = new TrainingSession(engine, "784x100x10", 10);
            session.bp.setOptimizer(optimizer(rule));
            penalty = new Regularization(5.0, rule.equals("sgd-l1") ? 1.0 : 0, 50_000);
            if (rule.equals("dropout")) {
                masks = new float[][] {new float[10 * 100]};
                random = new Random(1);
            }
        }

        /** The api's rule of that id with its standard hyper-parameters; sgd for sgd-l1 and dropout. */
        static Optimizer optimizer(String rule) {
            boolean sgd = rule.startsWith("sgd") || rule.equals("dropout");
            return Optimizer.of(sgd ? "sgd" : rule, (name, standard) -> standard);
        }

        @TearDown
        public void tearDown() {
            if (session != null) {
                session.close();
            }
        }
    }

    @Benchmark
    public void step(Training t, Blackhole bh) {
        if (t.masks != null) {
            float[] mask = t.masks[0];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = t.random.nextFloat() < 0.5f ? 0f : 2f;
            }
        }
        t.session.bp.feedforward(t.session.x, 0, t.session.batch, t.masks);
        t.session.bp.setTargets(t.session.y, 0);
        // A small η keeps the parameters (and so the work) in the same range over millions of steps.
        t.session.bp.step(t.rule.startsWith("adam") || t.rule.equals("rmsprop") ? 1e-5 : 0.01, t.penalty);
        bh.consume(t.session.fence.await());
    }
}
