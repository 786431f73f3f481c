package dev.backprop.tck;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

/**
 * One matrix passed as two arguments. {@link dev.backprop.spi.Checks#weightGradientAndUpdate}
 * makes the fused step refuse W passed again as ∂C/∂W, Δ or A, because W is written while the
 * gradient is still being computed from them. The update, {@code update(p, p, η, decay)}, is a
 * step whose gradient is the parameter itself: element by element it is well defined,
 * p ← (1 − decay − η) p, and an engine either computes that or refuses it; what it may not do is
 * return something else, as an update in two passes over p (scale, then subtract η·g) would.
 * After its refusals the engine must still compute the step right.
 */
final class AliasingRules {
    private AliasingRules() {
    }

    static void sameMatrixTwice(Context ctx) {
        Engine engine = ctx.open();
        // m = out = in, so that W has the shape of ∂C/∂W, Δ and A alike.
        for (int n : new int[] {7, 33}) {
            Case fused = Cases.weightGradientAndUpdate(n, n, n, 0.5f, 0.01f, 5000 + n);
            for (String alias : new String[] {"gradW", "delta", "aIn"}) {
                Matrix delta = Context.put(engine, fused.inputs()[0], n, n);
                Matrix aIn = Context.put(engine, fused.inputs()[1], n, n);
                Matrix w = Context.put(engine, fused.initialOutputs()[0], n, n);
                Matrix gradW = alias.equals("gradW") ? w : Context.garbage(engine, n, n);
                Matrix[] in = {alias.equals("delta") ? w : delta, alias.equals("aIn") ? w : aIn};
                ctx.at(fused.label() + ", w also passed as " + alias, "that weightGradientAndUpdate calls "
                        + "dev.backprop.spi.Checks.weightGradientAndUpdate (or refuses w == gradW, delta or aIn itself) "
                        + "before it writes anything");
                ContractRules.expectRefusal(ctx, engine, fused, in, new Matrix[] {w, gradW}, IllegalArgumentException.class,
                        "w also passed as " + alias);
            }
            // The engine that just refused three calls still computes a step right (shapes that all
            // differ, so that only what the refusals left behind can make it fail).
            Case after = Cases.weightGradientAndUpdate(n + 2, n, n - 2, 0.5f, 0.01f, 5050 + n);
            EquationRules.compareOn(ctx, engine, after, after.label() + ", after three refused calls", "that a refused "
                    + "call leaves nothing behind (a busy flag, a half-built cache) that the next call uses; if "
                    + "required_sgd_weightGradientAndUpdateMatchesOracle fails too, look there first");
        }
        for (int[] shape : new int[][] {{7, 7}, {33, 17}, {1, 257}}) {
            updateByItself(ctx, engine, shape[0], shape[1]);
        }
    }

    /** update(p, p, η, decay): p ← (1 − decay) p − η p, or IllegalArgumentException with p unchanged. */
    private static void updateByItself(Context ctx, Engine engine, int rows, int cols) {
        float eta = 0.5f;
        float decay = 0.01f;
        float[] p = new Inputs(5100 + rows * cols).uniform(rows * cols, 2);
        Matrix param = Context.put(engine, p, rows, cols);
        String where = ctx.at(String.format("update %d×%d, η = %s, decay = %s, with param also passed as grad", rows, cols,
                eta, decay), "that update reads p_i (as parameter and as gradient) before it writes p_i: an update in "
                + "two passes (p ← (1 − decay) p, then p ← p − η g) reads the scaled p as the gradient");
        try {
            engine.update(param, param, eta, decay);
        } catch (IllegalArgumentException refused) {
            if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                throw ctx.fail("IllegalArgumentException without a message; say that param and grad are one matrix", where);
            }
            ctx.compareBits("param", p, Context.get(engine, param), where + ": refused, but param was written first",
                    "before the call it held", "after it");
            return;
        }
        ctx.compare("param", Oracle.update(p, p, eta, decay), Context.get(engine, param), cols, where);
    }
}
