package dev.backprop.engine.ref;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.spi.Checks;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;
import dev.backprop.tck.RuleIds;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Bugs that kept every rule of the kit as it was before issue 15: state held between calls, and
 * two things of equal shape confused. Each passes all 24 earlier rules (the meta-test checks
 * it), so each marks a blind spot, and each is caught by a rule added for it.
 */
final class BlindSpotMutants {
    private BlindSpotMutants() {
    }

    /** The 24 rules of the kit before issue 15; a mutant that passes them all shows a blind spot they had. */
    static final List<String> BEFORE_ISSUE_15 = List.of(RuleIds.ORACLE, RuleIds.EQ25, RuleIds.BP1, RuleIds.COST,
            RuleIds.BP2, RuleIds.BP3, RuleIds.BP4, RuleIds.SGD, RuleIds.SGD_L2, RuleIds.FUSED, RuleIds.SATURATION,
            RuleIds.GRADIENT, RuleIds.STEPS, RuleIds.CUSTOM_ACTIVATION, RuleIds.CUSTOM_COST, RuleIds.DETERMINISM,
            RuleIds.INPUTS, RuleIds.OUTPUTS, RuleIds.THREADS, RuleIds.SHAPES, RuleIds.FOREIGN, RuleIds.CLOSED,
            RuleIds.CLOSE_TWICE, RuleIds.OPEN_MANY);

    /**
     * The mutants of the blind spots found in issue 15. Each passes every rule the kit had before
     * ({@link #BEFORE_ISSUE_15}) and fails exactly the rules listed.
     */
    static List<Mutants.Mutant> all() {
        return List.of(
                new Mutants.Mutant("bp2-weights-looked-up-by-shape", RuleIds.SQUARE_LAYERS, WeightsLookedUpByShape::new,
                        // Also wherever a BP2 follows a feedforward whose W has the shape of W^{l+1}.
                        Set.of(RuleIds.SQUARE_LAYERS, RuleIds.SQUARE, RuleIds.BATCHES, RuleIds.REWRITTEN,
                                RuleIds.INTERLEAVED, RuleIds.CLOSE_ONE)),
                new Mutants.Mutant("bp3-scratch-from-an-earlier-batch", RuleIds.BATCHES,
                        // Also on the deep square network, fed a batch of 16, then of 3.
                        ScratchFromAnEarlierBatch::new, Set.of(RuleIds.BATCHES, RuleIds.SQUARE_LAYERS)),
                new Mutants.Mutant("write-ignores-offset", RuleIds.BATCHES, WriteIgnoresOffset::new,
                        Set.of(RuleIds.BATCHES)),
                // These two also where issue 17's optimiser steps run on a network with a square W (9 → 9).
                new Mutants.Mutant("bp2-square-without-transpose", RuleIds.SQUARE,
                        SquareBackpropagateWithoutTranspose::new, Set.of(RuleIds.SQUARE, RuleIds.SQUARE_LAYERS,
                                RuleIds.OPTIMIZER_STEPS)),
                new Mutants.Mutant("bp4-square-transposed", RuleIds.SQUARE, SquareWeightGradientTransposed::new,
                        Set.of(RuleIds.SQUARE, RuleIds.SQUARE_LAYERS, RuleIds.OPTIMIZER_STEPS)),
                // Also where an optimiser other than SGD moves W: its copy is refreshed by update() only.
                new Mutants.Mutant("eq25-weights-copied-until-updated", RuleIds.REWRITTEN, WeightsCopiedUntilUpdated::new,
                        Set.of(RuleIds.REWRITTEN, RuleIds.OPTIMIZER_STEPS)),
                new Mutants.Mutant("bp2-sigma-prime-from-a-tape", RuleIds.INTERLEAVED, SigmaPrimeFromATape::new,
                        // Also where a BP2 case follows feedforward cases of the same shape on one engine.
                        Set.of(RuleIds.INTERLEAVED, RuleIds.SQUARE)),
                new Mutants.Mutant("fused-step-without-alias-check", RuleIds.ALIASING, FusedStepWithoutAliasCheck::new,
                        Set.of(RuleIds.ALIASING)),
                new Mutants.Mutant("update-in-two-passes", RuleIds.ALIASING, UpdateInTwoPasses::new,
                        Set.of(RuleIds.ALIASING)),
                new Mutants.Mutant("shared-pool-closed-by-any-instance", RuleIds.CLOSE_ONE,
                        SharedPoolClosedByAnyInstance.withOnePool(), Set.of(RuleIds.CLOSE_ONE)));
    }

    /**
     * BP2 with the weights the forward pass saw first in W^{l+1}'s shape, as a cache of
     * transposed weights looked up by shape would give them: right while every layer has its own
     * shape, the wrong layer's weights when two are square and equal (Network.of(8, 8, 8, 4)).
     */
    static final class WeightsLookedUpByShape extends DelegatingEngine {
        private final Map<String, Matrix> firstOfShape = new HashMap<>();
        private boolean forwardPass;

        WeightsLookedUpByShape(String name) {
            super(name);
        }

        @Override
        public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
            if (!forwardPass) {
                firstOfShape.clear(); // a new pass
                forwardPass = true;
            }
            firstOfShape.putIfAbsent(w.shape(), w);
            super.feedforward(w, b, aIn, z, aOut, f);
        }

        @Override
        public void outputError(Cost c, Activation f, Matrix aOut, Matrix z, Matrix y, Matrix delta) {
            forwardPass = false;
            super.outputError(c, f, aOut, z, y, delta);
        }

        @Override
        public void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
            forwardPass = false;
            super.backpropagate(firstOfShape.getOrDefault(wNext.shape(), wNext), deltaNext, z, f, delta);
        }
    }

    /**
     * BP3 through a scratch copy of Δ that grows with the batch but never shrinks, summed over all
     * the scratch's rows: after a batch of 10, a batch of 4 adds 6 stale rows to its column sums.
     */
    static final class ScratchFromAnEarlierBatch extends DelegatingEngine {
        private float[] scratch = new float[0];
        private int scratchRows;
        private int scratchCols;

        ScratchFromAnEarlierBatch(String name) {
            super(name);
        }

        @Override
        public void biasGradient(Matrix delta, Matrix gradB) {
            super.biasGradient(delta, gradB); // the checks; the result is replaced below
            int m = delta.rows();
            int width = delta.cols();
            if (width != scratchCols || m > scratchRows) {
                scratch = new float[m * width];
                scratchRows = m;
                scratchCols = width;
            }
            System.arraycopy(host(delta), 0, scratch, 0, m * width);
            float[] g = new float[width];
            for (int x = 0; x < scratchRows; x++) { // the bug: the scratch's rows, not this call's m
                for (int j = 0; j < width; j++) {
                    g[j] += scratch[x * width + j];
                }
            }
            for (int j = 0; j < width; j++) {
                g[j] /= m;
            }
            write(gradB, g, 0);
        }
    }

    /** write(dst, src, offset) that copies from src[0], which no rule with offset 0 and exact arrays notices. */
    static final class WriteIgnoresOffset extends DelegatingEngine {
        WriteIgnoresOffset(String name) {
            super(name);
        }

        @Override
        public void write(Matrix dst, float[] src, int offset) {
            super.write(dst, src, 0);
        }
    }

    /**
     * BP2 with a fast path for square W that forgets the transpose: Δ^{l+1} W becomes Δ^{l+1} Wᵀ,
     * the bug of {@link Mutants.BackpropagateWithoutTranspose} where it keeps the shape.
     */
    static final class SquareBackpropagateWithoutTranspose extends Mutants.BackpropagateWithoutTranspose {
        SquareBackpropagateWithoutTranspose(String name) {
            super(name);
        }

        @Override
        public void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
            if (wNext.rows() == wNext.cols()) {
                super.backpropagate(wNext, deltaNext, z, f, delta);
            } else {
                inner.backpropagate(wNext, deltaNext, z, f, delta);
            }
        }
    }

    /**
     * BP4 with a fast path for in = out that computes Aᵀ·Δ, the transpose of ∂C/∂W, which then
     * has the same shape: the bug of {@link Mutants.WeightGradientSwapped} where it keeps the shape.
     */
    static final class SquareWeightGradientTransposed extends Mutants.WeightGradientSwapped {
        SquareWeightGradientTransposed(String name) {
            super(name);
        }

        @Override
        public void weightGradient(Matrix delta, Matrix aIn, Matrix gradW) {
            if (delta.cols() == aIn.cols()) {
                super.weightGradient(delta, aIn, gradW);
            } else {
                inner.weightGradient(delta, aIn, gradW);
            }
        }
    }

    /**
     * Eq. 25 from a copy of W kept per matrix, as a packed or device-side copy would be: made on
     * first use and renewed when update (or the fused step) changes W, but not when write() does.
     */
    static final class WeightsCopiedUntilUpdated extends DelegatingEngine {
        private final Map<Matrix, float[]> copies = new IdentityHashMap<>();

        WeightsCopiedUntilUpdated(String name) {
            super(name);
        }

        @Override
        public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
            float[] copy = copies.computeIfAbsent(w, this::host);
            Matrix fromCopy = allocate(w.rows(), w.cols());
            write(fromCopy, copy, 0);
            super.feedforward(fromCopy, b, aIn, z, aOut, f);
        }

        @Override
        public void update(Matrix param, Matrix grad, float eta, float decay) {
            super.update(param, grad, eta, decay);
            copies.remove(param);
        }
    }

    /**
     * BP2 with σ′(z) that feedforward saved on a tape, taken back in reverse call order, the way
     * an autograd tape replays: right for one network at a time, another network's σ′ when two
     * sessions feed forward before either goes backwards.
     */
    static final class SigmaPrimeFromATape extends DelegatingEngine {
        private final Deque<float[]> tape = new ArrayDeque<>();
        private boolean forwardPass;

        SigmaPrimeFromATape(String name) {
            super(name);
        }

        @Override
        public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
            super.feedforward(w, b, aIn, z, aOut, f);
            if (!forwardPass) {
                tape.clear(); // a new pass
                forwardPass = true;
            }
            float[] saved = new float[0];
            if (f.isElementwise()) {
                saved = host(z);
                for (int i = 0; i < saved.length; i++) {
                    saved[i] = f.derivative(saved[i]);
                }
            }
            tape.push(saved);
        }

        @Override
        public void outputError(Cost c, Activation f, Matrix aOut, Matrix z, Matrix y, Matrix delta) {
            forwardPass = false;
            super.outputError(c, f, aOut, z, y, delta);
            tape.poll(); // the output layer's entry
        }

        @Override
        public void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
            forwardPass = false;
            float[] saved = tape.poll();
            if (saved == null || saved.length != z.size()) {
                super.backpropagate(wNext, deltaNext, z, f, delta);
                return;
            }
            super.backpropagate(wNext, deltaNext, z, Activations.IDENTITY, delta); // Δ^{l+1} W, σ′ = 1
            float[] d = host(delta);
            for (int i = 0; i < d.length; i++) {
                d[i] *= saved[i];
            }
            write(delta, d, 0);
        }
    }

    /**
     * The fused step overridden with every shape check but without the one for w passed again as
     * gradW, delta or aIn: BP4 then writes into W and the step reads the gradient from it.
     */
    static final class FusedStepWithoutAliasCheck extends DelegatingEngine {
        FusedStepWithoutAliasCheck(String name) {
            super(name);
        }

        @Override
        public void weightGradientAndUpdate(Matrix delta, Matrix aIn, Matrix gradW, Matrix w, float eta, float decay) {
            Checks.weightGradient(delta, aIn, gradW);
            Checks.shape("weightGradientAndUpdate", "w (same as gradW)", w, gradW.rows(), gradW.cols());
            Checks.update(w, gradW, eta, decay);
            weightGradient(delta, aIn, gradW);
            update(w, gradW, eta, decay);
        }
    }

    /**
     * The update in two passes, p ← (1 − decay) p, then p ← p − η g: the same bits as one pass
     * (Java rounds each product either way), but with grad the same matrix as param the second
     * pass reads the scaled p as the gradient.
     */
    static final class UpdateInTwoPasses extends DelegatingEngine {
        UpdateInTwoPasses(String name) {
            super(name);
        }

        @Override
        public void update(Matrix param, Matrix grad, float eta, float decay) {
            super.update(param, grad, 0f, decay);
            super.update(param, grad, eta, 0f);
        }
    }

    /**
     * Instances of one provider that share one pool (as threads or a device context might be
     * shared), started by every open and shut down by every close, whichever instance calls it.
     */
    static final class SharedPoolClosedByAnyInstance extends DelegatingEngine {
        private final AtomicBoolean poolRunning;

        SharedPoolClosedByAnyInstance(String name, AtomicBoolean poolRunning) {
            super(name);
            this.poolRunning = poolRunning;
            poolRunning.set(true);
        }

        /** A factory whose engines share one pool. */
        static Function<String, Engine> withOnePool() {
            AtomicBoolean pool = new AtomicBoolean();
            return name -> new SharedPoolClosedByAnyInstance(name, pool);
        }

        @Override
        public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
            if (!poolRunning.get()) {
                throw new IllegalStateException("the shared pool is shut down");
            }
            super.feedforward(w, b, aIn, z, aOut, f);
        }

        @Override
        public void close() {
            super.close();
            poolRunning.set(false);
        }
    }
}
