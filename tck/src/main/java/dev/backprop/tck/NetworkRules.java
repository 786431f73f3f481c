package dev.backprop.tck;

import dev.backprop.Activation;
import dev.backprop.Backpropagation;
import dev.backprop.Cost;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.spi.Engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules on whole networks: the oracle against finite differences, the engine's whole
 * gradient (driven by the api's {@link Backpropagation}) against the oracle, several SGD steps in
 * a row, and user-defined functions computed correctly or refused up front.
 */
final class NetworkRules {
    private NetworkRules() {
    }

    /** A network, float parameters and one batch. */
    record Problem(Network network, float[][] w, float[][] b, float[] x, float[] y, int m) {

        static Problem of(Network network, int m, double gain, long seed) {
            Inputs r = new Inputs(seed);
            int depth = network.depth();
            float[][] w = new float[depth][];
            float[][] b = new float[depth][];
            for (int l = 0; l < depth; l++) {
                w[l] = r.weights(network.layer(l).width(), network.fanIn(l));
                for (int i = 0; i < w[l].length; i++) {
                    w[l][i] *= (float) gain;
                }
                b[l] = r.uniform(network.layer(l).width(), 0.5);
            }
            return new Problem(network, w, b, r.uniform(m * network.inputWidth(), 1),
                    r.targets(network.cost(), m, network.outputWidth()), m);
        }

        Parameters parameters() {
            float[][] wc = new float[w.length][];
            float[][] bc = new float[b.length][];
            for (int l = 0; l < w.length; l++) {
                wc[l] = w[l].clone();
                bc[l] = b[l].clone();
            }
            return Parameters.of(network, wc, bc);
        }
    }

    /** Every legal combination of a hidden activation with an output activation and cost. */
    static List<Network> legalNetworks(int... sizes) {
        List<Network> networks = new ArrayList<>();
        for (Activation hidden : EquationRules.ELEMENTWISE) {
            for (Object[] pair : EquationRules.costPairs()) {
                Network.Builder builder = Network.builder(sizes[0]);
                for (int i = 1; i < sizes.length - 1; i++) {
                    builder.layer(sizes[i], hidden);
                }
                networks.add(builder.layer(sizes[sizes.length - 1], (Activation) pair[1]).cost((Cost) pair[0]).build());
            }
        }
        return networks;
    }

    /** The engine's gradient of the problem's mean cost, through the api's algorithm. */
    static Parameters engineGradient(Engine engine, Problem p) {
        Parameters gradient = Parameters.zeros(p.network());
        try (Backpropagation bp = Backpropagation.open(engine, p.network())) {
            bp.setParameters(p.parameters());
            bp.feedforward(p.x(), 0, p.m());
            bp.setTargets(p.y(), 0);
            bp.backpropagate();
            bp.getGradient(gradient);
        }
        return gradient;
    }

    /** The engine's whole gradient of one problem against the oracle's. */
    static void checkGradient(Context ctx, Engine engine, Problem p) {
        String where = ctx.at(p.network() + ", batch " + p.m());
        compareGradient(ctx, engineGradient(engine, p), oracleGradient(p), where);
    }

    static NetworkOracle.Gradient oracleGradient(Problem p) {
        return NetworkOracle.gradient(p.network(), p.w(), p.b(), p.x(), p.y(), p.m());
    }

    static void compareGradient(Context ctx, Parameters actual, NetworkOracle.Gradient expected, String where) {
        Network n = actual.network();
        for (int l = 0; l < n.depth(); l++) {
            ctx.compare("gradW of layer " + (l + 2) + " (BP4)", expected.weights()[l], actual.weights(l), n.fanIn(l), where);
            ctx.compare("gradB of layer " + (l + 2) + " (BP3)", expected.biases()[l], actual.biases(l), n.layer(l).width(),
                    where);
        }
    }

    /** The oracle itself against central differences of its own cost, in double. */
    static void oracleMatchesFiniteDifferences(Context ctx) {
        long seed = 7;
        for (Network network : legalNetworks(5, 6, 4, 3)) {
            Problem p = Problem.of(network, 3, 1, seed++);
            ctx.at(network + ", batch 3");
            NetworkOracle.Gradient g = NetworkOracle.gradient(network, p.w(), p.b(), p.x(), p.y(), p.m());
            FiniteDifferences.check(ctx, p, g);
        }
    }

    static void wholeGradient(Context ctx) {
        Engine engine = ctx.open();
        long seed = 11;
        for (Network network : legalNetworks(7, 17, 16, 3)) {
            checkGradient(ctx, engine, Problem.of(network, 5, 1, seed++));
        }
        Network mnist = Network.builder(784).layer(100, Activations.SIGMOID).layer(10, Activations.SIGMOID)
                .cost(Costs.CROSS_ENTROPY).build();
        checkGradient(ctx, engine, Problem.of(mnist, 33, 1, seed));
    }

    /**
     * Five SGD steps with L2 on one engine, alternately through {@code Backpropagation.step}
     * (BP4 fused with the update) and through {@code backpropagate} then {@code update}. After
     * each, the parameters are read back and compared with one step of the oracle from the
     * engine's parameters before it, so every step is held to the tight single-step bound while
     * the engine carries its own state across steps.
     */
    static void severalSteps(Context ctx) {
        Engine engine = ctx.open();
        for (Network network : new Network[] {Network.of(7, 17, 16, 3), Network.builder(7).layer(17, Activations.TANH)
                .layer(3, Activations.SOFTMAX).cost(Costs.LOG_LIKELIHOOD).build()}) {
            steps(ctx, engine, network, 9, 5, 5, 0);
        }
    }

    /**
     * {@code count} SGD steps with L2 of batches of m on one session, odd ones fused, each against
     * one oracle step; parameters from {@code parameterSeed}, batch {@code s} from {@code dataSeed + s}.
     */
    static void steps(Context ctx, Engine engine, Network network, int m, int count, long parameterSeed, long dataSeed) {
        float eta = 0.5f;
        float decay = 0.01f;
        Parameters current = Problem.of(network, m, 1, parameterSeed).parameters();
        try (Backpropagation bp = Backpropagation.open(engine, network)) {
            bp.setParameters(current);
            for (int step = 1; step <= count; step++) {
                Problem batch = new Problem(network, copy(current, true), copy(current, false),
                        new Inputs(dataSeed + step).uniform(m * network.inputWidth(), 1),
                        new Inputs(dataSeed + step + 50).targets(network.cost(), m, network.outputWidth()), m);
                NetworkOracle.Gradient g = oracleGradient(batch);
                String where = ctx.at(network + ", batch " + m + ", step " + step + (step % 2 == 1 ? " (fused)" : ""));
                bp.feedforward(batch.x(), 0, m);
                bp.setTargets(batch.y(), 0);
                if (step % 2 == 1) {
                    bp.step(eta, decay); // the fused path Trainer takes
                } else {
                    bp.backpropagate();
                    bp.update(eta, decay);
                }
                current = compareStep(ctx, bp, batch, g, eta, decay, where);
            }
        }
    }

    /**
     * Reads the session's parameters after one SGD step from p's parameters and compares them with
     * one oracle step (biases without decay); returns them.
     */
    static Parameters compareStep(Context ctx, Backpropagation bp, Problem p, NetworkOracle.Gradient g, float eta,
                                  float decay, String where) {
        Network network = p.network();
        Parameters after = Parameters.zeros(network);
        bp.getParameters(after);
        for (int l = 0; l < network.depth(); l++) {
            String layer = where + ", layer " + (l + 2);
            ctx.compare("w after the step", Oracle.step(p.w()[l], g.weights()[l], eta, decay), after.weights(l),
                    network.fanIn(l), layer);
            ctx.compare("b after the step", Oracle.step(p.b()[l], g.biases()[l], eta, 0), after.biases(l),
                    network.layer(l).width(), layer);
        }
        return after;
    }

    private static float[][] copy(Parameters p, boolean weights) {
        float[][] out = new float[p.network().depth()][];
        for (int l = 0; l < out.length; l++) {
            out[l] = (weights ? p.weights(l) : p.biases(l)).clone();
        }
        return out;
    }

    static void customActivation(Context ctx) {
        Network network = Network.builder(6).layer(9, CustomFunctions.SOFTSIGN).layer(4, Activations.SIGMOID).build();
        checkCustom(ctx, network, CustomFunctions.SOFTSIGN.id(), ctx.open().supports(CustomFunctions.SOFTSIGN));
    }

    static void customCost(Context ctx) {
        Network network = Network.builder(6).layer(9, Activations.TANH).layer(4, Activations.SIGMOID)
                .cost(CustomFunctions.QUARTIC).build();
        checkCustom(ctx, network, CustomFunctions.QUARTIC.id(), ctx.open().supports(CustomFunctions.QUARTIC));
    }

    /** A supported custom function must give the oracle's gradient; an unsupported one must be refused at open. */
    private static void checkCustom(Context ctx, Network network, String id, boolean supported) {
        Engine engine = ctx.open();
        Problem p = Problem.of(network, 5, 1, 21);
        String where = ctx.at(network + ", batch 5 (the engine says it " + (supported ? "supports " : "refuses ") + id + ")");
        if (supported) {
            compareGradient(ctx, engineGradient(engine, p), oracleGradient(p), where);
            return;
        }
        try {
            Backpropagation.open(engine, network).close();
        } catch (IllegalArgumentException refused) {
            if (!refused.getMessage().contains(id)) {
                throw ctx.fail("the refusal does not name '" + id + "': " + refused.getMessage(), where);
            }
            return;
        }
        throw ctx.fail("supports(" + id + ") is false, yet a session opened without refusing it", where);
    }
}
