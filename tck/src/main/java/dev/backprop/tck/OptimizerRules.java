package dev.backprop.tck;

import dev.backprop.Activations;
import dev.backprop.Adam;
import dev.backprop.Backpropagation;
import dev.backprop.Costs;
import dev.backprop.Momentum;
import dev.backprop.Network;
import dev.backprop.Optimizer;
import dev.backprop.OptimizerState;
import dev.backprop.Parameters;
import dev.backprop.Regularization;
import dev.backprop.RmsProp;
import dev.backprop.spi.Engine;

import java.util.List;

/**
 * The rules of chapter 3's training: each optimiser's and regulariser's operation against
 * {@link OptimizerOracle} over the shape sweep of {@link EquationRules}, dropout's mask alone and
 * in a whole gradient, and several steps in a row through the api, each step compared with one
 * oracle step from the state the engine carried over.
 */
final class OptimizerRules {
    private OptimizerRules() {
    }

    static void regularize(Context ctx) {
        long seed = 870;
        for (int[] s : EquationRules.shapes()) {
            // The book's λ = 5 on n = 50,000 for both terms, and large coefficients.
            EquationRules.check(ctx, OptimizerCases.regularize(s[1], s[2], 5f / 50000, 5f / 50000, seed++));
            EquationRules.check(ctx, OptimizerCases.regularize(s[2], s[0], 0.1f, 0.05f, seed++));
            EquationRules.check(ctx, OptimizerCases.regularize(s[0], s[1], 0f, 0.01f, seed++));
        }
    }

    static void momentum(Context ctx) {
        long seed = 900;
        for (int[] s : EquationRules.shapes()) {
            EquationRules.check(ctx, OptimizerCases.momentum(s[1], s[2], 0.1f, 0.9f, false, seed++));
            EquationRules.check(ctx, OptimizerCases.momentum(s[2], s[0], 0.5f, 0.5f, true, seed++));
        }
    }

    static void adam(Context ctx) {
        long seed = 1500;
        for (int[] s : EquationRules.shapes()) {
            // Step 1, where the bias corrections divide by 0.1 and 0.001; a later AdamW step; and
            // step 1000, where β₁^t has vanished and β₂^t has not.
            EquationRules.check(ctx, OptimizerCases.adam(s[1], s[2], 0.001f, 1, 0f, seed++));
            EquationRules.check(ctx, OptimizerCases.adam(s[2], s[0], 0.01f, 7, 0.01f * 0.01f, seed++));
            EquationRules.check(ctx, OptimizerCases.adam(s[0], s[1], 0.001f, 1000, 0f, seed++));
        }
    }

    static void rmsProp(Context ctx) {
        long seed = 2012;
        for (int[] s : EquationRules.shapes()) {
            EquationRules.check(ctx, OptimizerCases.rmsProp(s[1], s[2], 0.001f, 0.9f, seed++));
            EquationRules.check(ctx, OptimizerCases.rmsProp(s[2], s[0], 0.01f, 0.99f, seed++));
        }
    }

    static void dropout(Context ctx) {
        long seed = 2014;
        for (int[] s : EquationRules.shapes()) {
            EquationRules.check(ctx, OptimizerCases.dropout(s[0], s[2], seed++));
        }
    }

    /**
     * The whole gradient with dropout masks on every hidden layer, through the api's
     * {@link Backpropagation}: the mask must reach both a^l (Eq. 25, so the next layer's input and
     * BP4 see the dropped neurons as 0) and δ^l (BP2).
     */
    static void wholeGradientWithDropout(Context ctx) {
        Engine engine = ctx.open();
        long seed = 2100;
        for (Network network : NetworkRules.legalNetworks(7, 17, 16, 3)) {
            NetworkRules.Problem p = NetworkRules.Problem.of(network, 5, 1, seed);
            float[][] masks = masks(network, p.m(), seed % 2 == 0 ? 0.5 : 0.2, seed);
            seed++;
            String where = ctx.at(network + ", batch " + p.m() + ", dropout masks on both hidden layers");
            Parameters gradient = Parameters.zeros(network);
            try (Backpropagation bp = Backpropagation.open(engine, network)) {
                bp.setParameters(p.parameters());
                bp.feedforward(p.x(), 0, p.m(), masks);
                bp.setTargets(p.y(), 0);
                bp.backpropagate();
                bp.getGradient(gradient);
            }
            NetworkRules.compareGradient(ctx, gradient,
                    NetworkOracle.gradient(network, p.w(), p.b(), p.x(), p.y(), p.m(), masks), where);
        }
    }

    /** Masks with r = 0 (probability p) or 1/(1 − p), for every hidden layer. */
    static float[][] masks(Network network, int m, double p, long seed) {
        Inputs r = new Inputs(seed);
        float[][] masks = new float[network.depth() - 1][];
        for (int l = 0; l < masks.length; l++) {
            masks[l] = new float[m * network.layer(l).width()];
            for (int i = 0; i < masks[l].length; i++) {
                masks[l][i] = r.random().nextDouble() < p ? 0f : (float) (1 / (1 - p));
            }
        }
        return masks;
    }

    /**
     * Four steps of each rule through the api on one engine, on a network whose two hidden layers
     * have the same shape: after each, the parameters and the optimiser's state are read back and
     * compared with one oracle step (the regularised gradient, then the rule) from what was read
     * before it. State lost between mini-batches, or shared between matrices of one shape, shows.
     */
    static void severalSteps(Context ctx) {
        Engine engine = ctx.open();
        Network network = Network.builder(7).layer(9, Activations.TANH).layer(9, Activations.SIGMOID)
                .layer(3, Activations.SOFTMAX).cost(Costs.LOG_LIKELIHOOD).build();
        Regularization penalty = new Regularization(0.5, 0.2, 20);
        List<Optimizer> rules = List.of(Optimizer.momentum(0.9), Optimizer.nesterov(0.8), Optimizer.adam(),
                Optimizer.adamW(0.05), Optimizer.rmsProp(), Optimizer.sgd());
        int m = 6;
        long seed = 3100;
        for (Optimizer rule : rules) {
            double eta = rule instanceof Adam || rule instanceof RmsProp ? 0.01 : 0.2;
            try (Backpropagation bp = Backpropagation.open(engine, network)) {
                bp.setParameters(NetworkRules.Problem.of(network, m, 1, seed).parameters());
                bp.setOptimizer(rule);
                for (int step = 1; step <= 4; step++) {
                    Parameters before = Parameters.zeros(network);
                    bp.getParameters(before);
                    OptimizerState state = bp.optimizerState();
                    NetworkRules.Problem batch = new NetworkRules.Problem(network, arrays(before, true),
                            arrays(before, false), new Inputs(seed + step).uniform(m * network.inputWidth(), 1),
                            new Inputs(seed + step + 50).targets(network.cost(), m, network.outputWidth()), m);
                    String where = ctx.at(network + ", " + rule + ", " + penalty + ", step " + step);
                    bp.feedforward(batch.x(), 0, m);
                    bp.setTargets(batch.y(), 0);
                    bp.step(eta, penalty);
                    compareStep(ctx, bp, batch, state, rule, (float) eta, penalty, where);
                }
            }
            seed += 10;
        }
    }

    /** One oracle step of {@code rule} on every layer from {@code before} and {@code state}, against the engine's. */
    private static void compareStep(Context ctx, Backpropagation bp, NetworkRules.Problem p, OptimizerState state,
                                    Optimizer rule, float eta, Regularization penalty, String where) {
        Network network = p.network();
        NetworkOracle.Gradient g = NetworkRules.oracleGradient(p);
        Parameters after = Parameters.zeros(network);
        bp.getParameters(after);
        float[][] stateBefore = state.arrays();
        float[][] stateAfter = bp.optimizerState().arrays();
        int k = stateBefore.length / (2 * network.depth());
        if (bp.optimizerState().steps() != state.steps() + 1) {
            throw ctx.fail("the step count went from " + state.steps() + " to " + bp.optimizerState().steps(), where);
        }
        long t = state.steps() + 1;
        boolean sgd = rule.id().equals("sgd");
        for (int l = 0; l < network.depth(); l++) {
            String layer = where + ", layer " + (l + 2);
            int cols = network.fanIn(l);
            Expected gw = OptimizerOracle.regularize(g.weights()[l], p.w()[l], sgd ? 0f : penalty.l2(), penalty.l1());
            Expected[] w = oracleStep(rule, p.w()[l], gw, stateBefore, 2 * k * l, eta, t, true, penalty);
            Expected[] b = oracleStep(rule, p.b()[l], g.biases()[l], stateBefore, 2 * k * l + k, eta, t, false, penalty);
            ctx.compare("w after the step", w[0], after.weights(l), cols, layer);
            ctx.compare("b after the step", b[0], after.biases(l), network.layer(l).width(), layer);
            for (int i = 0; i < k; i++) {
                ctx.compare("state " + i + " of w", w[1 + i], stateAfter[2 * k * l + i], cols, layer);
                ctx.compare("state " + i + " of b", b[1 + i], stateAfter[2 * k * l + k + i], network.layer(l).width(), layer);
            }
        }
    }

    /** {param′, state′…} of one rule on one parameter whose state starts at {@code state[first]}. */
    private static Expected[] oracleStep(Optimizer rule, float[] param, Expected g, float[][] state, int first, float eta,
                                         long t, boolean weights, Regularization penalty) {
        if (rule instanceof Momentum mo) {
            return OptimizerOracle.momentum(param, g, state[first], eta, (float) mo.mu(), mo.nesterov());
        }
        if (rule instanceof Adam a) {
            float decay = weights ? (float) (eta * a.weightDecay()) : 0f;
            return OptimizerOracle.adam(param, g, state[first], state[first + 1], eta, (float) a.beta1(), (float) a.beta2(),
                    (float) a.epsilon(), t, decay);
        }
        if (rule instanceof RmsProp r) {
            return OptimizerOracle.rmsProp(param, g, state[first], eta, (float) r.rho(), (float) r.epsilon());
        }
        return new Expected[] {Oracle.step(param, g, eta, weights ? penalty.decay(eta) : 0f)};
    }

    private static float[][] arrays(Parameters p, boolean weights) {
        float[][] out = new float[p.network().depth()][];
        for (int l = 0; l < out.length; l++) {
            out[l] = (weights ? p.weights(l) : p.biases(l)).clone();
        }
        return out;
    }
}
