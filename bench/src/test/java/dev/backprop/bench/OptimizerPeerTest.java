package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.Activations;
import dev.backprop.Adam;
import dev.backprop.Backpropagation;
import dev.backprop.Costs;
import dev.backprop.Engines;
import dev.backprop.Init;
import dev.backprop.Momentum;
import dev.backprop.Network;
import dev.backprop.Optimizer;
import dev.backprop.Parameters;
import dev.backprop.Regularization;
import dev.backprop.RmsProp;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Against an implementation nobody here wrote: 20 steps of each optimiser (with L2, L1 and
 * dropout) from the same initial parameters and mini-batches, on every engine available, and by
 * PyTorch's {@code torch.optim} (bench/peers/optimizers.py); the parameters must agree to float32
 * tolerance. Skipped, with the reason, where /usr/bin/python3 has no torch. The agreement table
 * is written to target/optimizer-peer.md.
 */
class OptimizerPeerTest {
    private static final Network NETWORK = Network.builder(20).layer(16, Activations.SIGMOID).layer(12, Activations.SIGMOID)
            .layer(4, Activations.SIGMOID).cost(Costs.CROSS_ENTROPY).build();
    private static final int STEPS = 20;
    private static final int BATCH = 10;
    private static final int N = 200;
    /**
     * |engine − torch| ≤ ATOL + RTOL·|torch| per parameter. Both compute in float32 with other
     * summation orders (torch's sgemm blocks and threads differently), so each step differs by a
     * few ulps, and 20 steps carry it on; Adam and RMSProp divide by √v, which turns a few ulps
     * of a tiny gradient into a larger share of a step of at most η.
     */
    private static final double ATOL = 2e-6;
    private static final double RTOL = 1e-5;
    private static final List<String> TABLE = new ArrayList<>();

    @TempDir
    static Path dir;

    record Case(String name, Optimizer rule, double eta, double lambda, double lambda1, double dropout) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("sgd + L2", Optimizer.sgd(), 0.5, 5, 0, 0),
                new Case("sgd + L1", Optimizer.sgd(), 0.5, 0, 2, 0),
                new Case("sgd + dropout", Optimizer.sgd(), 0.5, 0, 0, 0.5),
                new Case("momentum + L2", Optimizer.momentum(0.9), 0.1, 5, 0, 0),
                new Case("nesterov + L1", Optimizer.nesterov(0.9), 0.1, 0, 2, 0),
                new Case("adam + L2", Optimizer.adam(), 0.01, 5, 0, 0),
                new Case("adam + L1 + dropout", Optimizer.adam(), 0.01, 0, 2, 0.3),
                new Case("adamw", Optimizer.adamW(0.1), 0.01, 0, 0, 0),
                new Case("rmsprop + L2", Optimizer.rmsProp(), 0.005, 5, 0, 0));
    }

    @BeforeAll
    static void torchIsThere() throws Exception {
        assumeTrue(ExternalProcess.run(List.of("/usr/bin/python3", "-c", "import torch, numpy"),
                Files.createTempFile("torch", ".log")) == 0,
                "/usr/bin/python3 cannot import torch and numpy (apt-get install python3-torch); the peer is optional");
        TABLE.add("| case | engine | max abs diff | max rel diff |");
        TABLE.add("|---|---|---:|---:|");
    }

    @AfterAll
    static void writeTable() throws IOException {
        if (TABLE.size() > 2) {
            Files.writeString(Path.of("target", "optimizer-peer.md"), String.join("\n", TABLE) + "\n", StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parametersAfterTwentyStepsAgreeWithTorch(Case c) throws Exception {
        Path caseDir = Files.createDirectories(dir.resolve(c.name().replaceAll("[^a-z0-9]+", "-")));
        Parameters start = Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 17);
        Random random = new Random(c.name().hashCode());
        float[][] x = new float[STEPS][];
        float[][] y = new float[STEPS][];
        float[][][] masks = new float[STEPS][][];
        for (int s = 0; s < STEPS; s++) {
            x[s] = floats(random, BATCH * 20, 1);
            y[s] = new float[BATCH * 4];
            for (int i = 0; i < BATCH; i++) {
                y[s][i * 4 + random.nextInt(4)] = 1;
            }
            if (c.dropout() > 0) {
                masks[s] = new float[NETWORK.depth() - 1][];
                for (int l = 0; l < masks[s].length; l++) {
                    masks[s][l] = new float[BATCH * NETWORK.layer(l).width()];
                    for (int i = 0; i < masks[s][l].length; i++) {
                        masks[s][l][i] = random.nextDouble() < c.dropout() ? 0f : (float) (1 / (1 - c.dropout()));
                    }
                }
            }
        }
        writeCase(caseDir, c, start, x, y, masks);
        assertEquals(0, ExternalProcess.run(List.of("/usr/bin/python3", "peers/optimizers.py", caseDir.toString()),
                caseDir.resolve("log.txt")), Files.readString(caseDir.resolve("log.txt")));
        Parameters torch = Parameters.zeros(NETWORK);
        for (int l = 0; l < NETWORK.depth(); l++) {
            read(caseDir.resolve("out_w" + (l + 2) + ".f32"), torch.weights(l));
            read(caseDir.resolve("out_b" + (l + 2) + ".f32"), torch.biases(l));
        }
        Engines engines = Engines.load();
        int compared = 0;
        for (EngineProvider provider : engines.providers()) {
            if (!provider.availability().available()) {
                continue;
            }
            Parameters ours = train(provider, c, start, x, y, masks);
            double[] diff = compare(ours, torch);
            TABLE.add(String.format(Locale.ROOT, "| %s | %s | %.2e | %.2e |", c.name(), provider.name(), diff[0], diff[1]));
            assertTrue(diff[2] == 0, c.name() + " on " + provider.name() + ": " + (int) diff[2] + " parameters beyond "
                    + ATOL + " + " + RTOL + "·|torch|; max abs " + diff[0] + ", max rel " + diff[1]);
            compared++;
        }
        assertTrue(compared > 0, "no engine available");
    }

    private static Parameters train(EngineProvider provider, Case c, Parameters start, float[][] x, float[][] y,
                                    float[][][] masks) {
        Regularization penalty = new Regularization(c.lambda(), c.lambda1(), N);
        try (Engine engine = provider.open(); Backpropagation bp = Backpropagation.open(engine, NETWORK)) {
            bp.setParameters(start);
            bp.setOptimizer(c.rule());
            for (int s = 0; s < STEPS; s++) {
                bp.feedforward(x[s], 0, BATCH, masks[s]);
                bp.setTargets(y[s], 0);
                bp.step(c.eta(), penalty);
            }
            Parameters p = Parameters.zeros(NETWORK);
            bp.getParameters(p);
            return p;
        }
    }

    /** {max |a − b|, max |a − b| / |b| (over |b| > 1e-3), count beyond the tolerance}. */
    private static double[] compare(Parameters ours, Parameters torch) {
        double[] d = new double[3];
        for (int l = 0; l < NETWORK.depth(); l++) {
            for (float[][] pair : new float[][][] {{ours.weights(l), torch.weights(l)}, {ours.biases(l), torch.biases(l)}}) {
                for (int i = 0; i < pair[0].length; i++) {
                    double error = Math.abs((double) pair[0][i] - pair[1][i]);
                    d[0] = Math.max(d[0], error);
                    if (Math.abs(pair[1][i]) > 1e-3) {
                        d[1] = Math.max(d[1], error / Math.abs(pair[1][i]));
                    }
                    if (error > ATOL + RTOL * Math.abs(pair[1][i])) {
                        d[2]++;
                    }
                }
            }
        }
        return d;
    }

    private static void writeCase(Path caseDir, Case c, Parameters start, float[][] x, float[][] y, float[][][] masks)
            throws IOException {
        StringBuilder spec = new StringBuilder(String.format(Locale.ROOT, "{\"sizes\": [20, 16, 12, 4], \"cost\": "
                + "\"cross-entropy\", \"batch\": %d, \"n\": %d, \"steps\": %d, \"optimizer\": \"%s\", \"eta\": %s, "
                + "\"lambda\": %s, \"lambda1\": %s, \"dropout\": %s", BATCH, N, STEPS, c.rule().id(), c.eta(), c.lambda(),
                c.lambda1(), c.dropout() > 0));
        if (c.rule() instanceof Momentum mo) {
            spec.append(", \"mu\": ").append(mo.mu());
        } else if (c.rule() instanceof Adam a) {
            spec.append(String.format(Locale.ROOT, ", \"beta1\": %s, \"beta2\": %s, \"epsilon\": %s, \"weight_decay\": %s",
                    a.beta1(), a.beta2(), a.epsilon(), a.weightDecay()));
        } else if (c.rule() instanceof RmsProp r) {
            spec.append(String.format(Locale.ROOT, ", \"rho\": %s, \"epsilon\": %s", r.rho(), r.epsilon()));
        }
        Files.writeString(caseDir.resolve("spec.json"), spec.append("}\n").toString(), StandardCharsets.UTF_8);
        for (int l = 0; l < NETWORK.depth(); l++) {
            write(caseDir.resolve("w" + (l + 2) + ".f32"), start.weights(l));
            write(caseDir.resolve("b" + (l + 2) + ".f32"), start.biases(l));
        }
        for (int s = 0; s < STEPS; s++) {
            write(caseDir.resolve("x_" + (s + 1) + ".f32"), x[s]);
            write(caseDir.resolve("y_" + (s + 1) + ".f32"), y[s]);
            if (masks[s] != null) {
                for (int l = 0; l < masks[s].length; l++) {
                    write(caseDir.resolve("mask" + (l + 2) + "_" + (s + 1) + ".f32"), masks[s][l]);
                }
            }
        }
    }

    private static float[] floats(Random random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * scale);
        }
        return v;
    }

    private static void write(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }

    private static void read(Path file, float[] into) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(4 * into.length, bytes.length, file + " holds " + bytes.length + " bytes");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(into);
    }
}
