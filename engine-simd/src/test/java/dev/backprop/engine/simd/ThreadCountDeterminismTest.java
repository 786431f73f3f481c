package dev.backprop.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Trainer;
import dev.backprop.data.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * Same seed, same engine, same bits, whatever the thread count and the load: the engine's
 * products are cut into parts by their shape alone and each part is claimed by whichever thread
 * is free ({@link Workers}), so which thread computes what changes from run to run, and the
 * trainer gathers a batch itself when its gathering thread is late. Trained here with 1, 2 and 3
 * threads, with the gathering thread and without, and with 2 threads beside busy threads that
 * keep the processors occupied (the workers then get a part late or not at all): every run must
 * end with the same parameters, bit for bit.
 */
class ThreadCountDeterminismTest {

    @Test
    void trainingGivesTheSameBitsWithAnyThreadCountAndUnderLoad() throws Exception {
        // Products large enough to be cut into several parts (packed and direct paths both).
        Network network = Network.builder(300).layer(160, Activations.SIGMOID).layer(10, Activations.SIGMOID)
                .cost(Costs.CROSS_ENTROPY).build();
        Dataset data = data(512, 300, 10);
        Parameters start = Parameters.initialize(network, Init.SCALED_NORMAL, 7);

        Parameters reference = train(start, data, 1, true, 0);
        assertNotEquals(start, reference, "training left the parameters as they were");
        for (int threads : new int[] {2, 3}) {
            for (boolean gather : new boolean[] {true, false}) {
                assertEquals(reference, train(start, data, threads, gather, 0),
                        threads + " threads, gathering ahead " + gather + ": other bits than 1 thread");
            }
        }
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(reference, train(start, data, 2, true, processors),
                "2 threads beside " + processors + " busy ones: other bits than 1 thread alone");
    }

    /** Two epochs of mini-batches of 128 (Eq. 25 packs at that size), with {@code busy} spinning threads alongside. */
    private static Parameters train(Parameters start, Dataset data, int threads, boolean gather, int busy) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < busy; i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (!stop.get()) {
                    x += System.nanoTime() & 1;
                }
                if (x == 42) {
                    System.out.print("");
                }
            });
            t.setDaemon(true);
            t.start();
            spinners.add(t);
        }
        try (SimdEngine engine = new SimdEngine(threads)) {
            Parameters p = start.copy();
            Trainer.builder().learningRate(0.5).lambda(1.0).epochs(2).miniBatchSize(128).seed(3).gatherAhead(gather)
                    .monitorEvaluationAccuracy(false).build().train(engine, p, data, null);
            return p;
        } finally {
            stop.set(true);
            for (Thread t : spinners) {
                t.join();
            }
        }
    }

    private static Dataset data(int n, int width, int classes) {
        Random random = new Random(11);
        float[] x = new float[n * width];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
        }
        return Dataset.classification(x, width, labels, classes);
    }
}
