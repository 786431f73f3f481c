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
            NetworkOracle.Gradient g = NetworkOracle.gradient(network, p.w(), p.b(), p.x(), p.y(), p.m());
            FiniteDifferences.check(ctx, p, g);
        }
    }

    static void wholeGradient(Context ctx) {
        Engine engine = ctx.open();
        long seed = 11;
        for (Network network : legalNetworks(7, 17, 16, 3)) {
            Problem p = Problem.of(network, 5, 1, seed++);
            compareGradient(ctx, engineGradient(engine, p), NetworkOracle.gradient(network, p.w(), p.b(), p.x(), p.y(), p.m()),
                    network + ", batch 5");
        }
        Network mnist = Network.builder(784).layer(100, Activations.SIGMOID).layer(10, Activations.SIGMOID)
                .cost(Costs.CROSS_ENTROPY).build();
        Problem p = Problem.of(mnist, 33, 1, seed);
        compareGradient(ctx, engineGradient(engine, p), NetworkOracle.gradient(mnist, p.w(), p.b(), p.x(), p.y(), p.m()),
                mnist + ", batch 33");
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
        float eta = 0.5f;
        float decay = 0.01f;
        for (Network network : new Network[] {Network.of(7, 17, 16, 3), Network.builder(7).layer(17, Activations.TANH)
                .layer(3, Activations.SOFTMAX).cost(Costs.LOG_LIKELIHOOD).build()}) {
            Problem p = Problem.of(network, 9, 1, 5);
            Parameters current = p.parameters();
            try (Backpropagation bp = Backpropagation.open(engine, network)) {
                bp.setParameters(current);
                for (int step = 1; step <= 5; step++) {
                    Problem batch = new Problem(network, copy(current, true), copy(current, false),
                            new Inputs(step).uniform(p.x().length, 1), new Inputs(step + 50).targets(network.cost(), 9,
                            network.outputWidth()), 9);
                    NetworkOracle.Gradient g = NetworkOracle.gradient(network, batch.w(), batch.b(), batch.x(), batch.y(), 9);
                    bp.feedforward(batch.x(), 0, 9);
                    bp.setTargets(batch.y(), 0);
                    if (step % 2 == 1) {
                        bp.step(eta, decay); // the fused path Trainer takes
                    } else {
                        bp.backpropagate();
                        bp.update(eta, decay);
                    }
                    Parameters after = Parameters.zeros(network);
                    bp.getParameters(after);
                    for (int l = 0; l < network.depth(); l++) {
                        String where = network + ", step " + step + ", layer " + (l + 2);
                        ctx.compare("w after the step", Oracle.step(batch.w()[l], g.weights()[l], eta, decay), after.weights(l),
                                network.fanIn(l), where);
                        ctx.compare("b after the step", Oracle.step(batch.b()[l], g.biases()[l], eta, 0), after.biases(l),
                                network.layer(l).width(), where);
                    }
                    current = after;
                }
            }
        }
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
        if (supported) {
            compareGradient(ctx, engineGradient(engine, p), NetworkOracle.gradient(network, p.w(), p.b(), p.x(), p.y(), p.m()),
                    network + " (the engine says it supports " + id + ")");
            return;
        }
        try {
            Backpropagation.open(engine, network).close();
        } catch (IllegalArgumentException refused) {
            if (!refused.getMessage().contains(id)) {
                throw ctx.fail("the refusal does not name '" + id + "': " + refused.getMessage(), network.toString());
            }
            return;
        }
        throw ctx.fail("supports(" + id + ") is false, yet a session opened without refusing it", network.toString());
    }
}
