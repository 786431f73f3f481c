package dev.backprop.tck;

import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Predictor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The engine behind a {@link Predictor} that an application shares between its request threads:
 * the predictor opens several engines of this provider at once, from different threads, and uses
 * them at the same time, so anything the engines share (a static scratch buffer, a context or a
 * command queue that is not per instance) shows here as wrong outputs or a crash.
 */
final class PredictorRules {
    /** Rows fed at each call, in order: a single row, odd blocks, and blocks the predictor splits. */
    private static final int[] BLOCKS = {1, 7, 64, 300, 129, 33};
    private static final int THREADS = 8;
    private static final int SESSIONS = 4;
    private static final int ROUNDS = 4;

    private PredictorRules() {
    }

    /** Eight threads on one predictor of up to four engines give the bits one engine gives alone. */
    static void sharedByThreads(Context ctx) throws Exception {
        Network network = Network.builder(64).layer(33, Activations.TANH).layer(10, Activations.SOFTMAX)
                .cost(Costs.LOG_LIKELIHOOD).build();
        Parameters parameters = Parameters.initialize(network, Init.SCALED_NORMAL, 5);
        int rows = 0;
        for (int block : BLOCKS) {
            rows += block;
        }
        float[] inputs = new float[rows * network.inputWidth()];
        Random random = new Random(11);
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextFloat() * 2 - 1;
        }
        ctx.at(network + ", the calls " + java.util.Arrays.toString(BLOCKS) + " rows on a predictor with one engine");
        float[][] alone = new float[BLOCKS.length][];
        try (Predictor one = Predictor.open(parameters, ctx.provider(), 1)) {
            for (int call = 0; call < BLOCKS.length; call++) {
                alone[call] = predict(one, network, inputs, call);
            }
        }
        String where = ctx.at(network + ", " + THREADS + " threads on one predictor of up to " + SESSIONS
                + " engines, each making the calls " + java.util.Arrays.toString(BLOCKS) + " rows " + ROUNDS
                + " times from its own starting call");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Predictor shared = Predictor.open(parameters, ctx.provider(), SESSIONS)) {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<float[][]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    float[][] last = new float[BLOCKS.length][];
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int i = 0; i < BLOCKS.length; i++) {
                            int call = (thread + i) % BLOCKS.length;
                            float[] got = predict(shared, network, inputs, call);
                            if (last[call] == null || Context.firstDifference(last[call], alone[call]) < 0) {
                                last[call] = got;
                            }
                        }
                    }
                    return last;
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                float[][] concurrent = results.get(t).get();
                for (int call = 0; call < BLOCKS.length; call++) {
                    ctx.compareBits("outputs of the call of " + BLOCKS[call] + " rows", alone[call], concurrent[call], where,
                            "one engine alone gave", "thread " + (t + 1) + " got");
                }
            }
            if (shared.openSessions() > SESSIONS) {
                throw ctx.fail("the predictor opened " + shared.openSessions() + " engines for a limit of " + SESSIONS,
                        where);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The outputs of call {@code call}: the rows of BLOCKS[call], starting after the earlier calls' rows. */
    private static float[] predict(Predictor predictor, Network network, float[] inputs, int call) {
        int first = 0;
        for (int c = 0; c < call; c++) {
            first += BLOCKS[c];
        }
        int width = network.inputWidth();
        float[] x = java.util.Arrays.copyOfRange(inputs, first * width, (first + BLOCKS[call]) * width);
        float[] y = new float[BLOCKS[call] * network.outputWidth()];
        predictor.predict(x, BLOCKS[call], y);
        return y;
    }
}
