package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activations;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Predictor;
import dev.backprop.spi.Availability;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * One {@link Predictor} shared by many threads gives, for every row, the bits a predictor used by
 * one thread gives; it opens no more engines than its limit, closes them all, and allocates
 * nothing per call once warm.
 */
class PredictorConcurrencyTest {
    private static final Network NETWORK = Network.builder(784).layer(30, Activations.SIGMOID).layer(10, Activations.SOFTMAX)
            .cost(dev.backprop.Costs.LOG_LIKELIHOOD).build();
    private static final int ROWS = 2000;
    private static final int THREADS = 8;

    /** Counts the engines a predictor opens and closes. */
    static final class Counting implements EngineProvider {
        final EngineProvider inner = new RefEngineProvider();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        public String name() {
            return inner.name();
        }

        public int priority() {
            return inner.priority();
        }

        public Availability availability() {
            return inner.availability();
        }

        public Engine open() {
            opened.incrementAndGet();
            Engine engine = inner.open();
            return (Engine) java.lang.reflect.Proxy.newProxyInstance(Engine.class.getClassLoader(),
                    new Class<?>[] {Engine.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            closed.incrementAndGet();
                        }
                        try {
                            return method.invoke(engine, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @Test
    void eightThreadsOnOnePredictorGetTheBitsOfOne() throws Exception {
        Parameters parameters = Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 4);
        float[] inputs = inputs(ROWS);
        float[] expected = new float[ROWS * 10];
        try (Predictor alone = Predictor.open(parameters, new RefEngineProvider(), 1)) {
            for (int r = 0; r < ROWS; r++) {
                float[] row = java.util.Arrays.copyOfRange(inputs, r * 784, (r + 1) * 784);
                System.arraycopy(alone.predict(row), 0, expected, r * 10, 10);
            }
        }
        Counting provider = new Counting();
        int limit = 4;
        Predictor shared = Predictor.open(parameters, provider, limit);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    return predictEveryRowSomeWay(shared, inputs, expected, thread);
                }));
            }
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> f : results) {
                wrong.addAll(f.get());
            }
            assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " rows differ");
            assertTrue(shared.openSessions() <= limit && provider.opened.get() <= limit,
                    provider.opened.get() + " engines opened for a limit of " + limit);
        } finally {
            pool.shutdownNow();
            shared.close();
        }
        assertEquals(provider.opened.get(), provider.closed.get(), "every engine the predictor opened is closed");
        assertThrows(IllegalStateException.class, () -> shared.predict(new float[784]));
    }

    /** Each thread walks all rows in its own order, with single rows, blocks of odd sizes and classify. */
    private static List<String> predictEveryRowSomeWay(Predictor p, float[] inputs, float[] expected, int thread) {
        List<String> wrong = new ArrayList<>();
        Random random = new Random(thread);
        float[] out = new float[10];
        int r = (thread * 251) % ROWS;
        for (int done = 0; done < ROWS; ) {
            int block = Math.min(ROWS - done, Math.min(ROWS - r, 1 + random.nextInt(300)));
            float[] x = java.util.Arrays.copyOfRange(inputs, r * 784, (r + block) * 784);
            float[] y = new float[block * 10];
            switch (random.nextInt(3)) {
                case 0 -> p.predict(x, block, y);
                case 1 -> {
                    for (int i = 0; i < block; i++) {
                        p.predict(java.util.Arrays.copyOfRange(x, i * 784, (i + 1) * 784), out);
                        System.arraycopy(out, 0, y, i * 10, 10);
                    }
                }
                default -> {
                    float[][] rows = new float[block][];
                    for (int i = 0; i < block; i++) {
                        rows[i] = java.util.Arrays.copyOfRange(x, i * 784, (i + 1) * 784);
                    }
                    float[][] ys = p.predict(rows);
                    for (int i = 0; i < block; i++) {
                        System.arraycopy(ys[i], 0, y, i * 10, 10);
                        if (p.classify(rows[i]) != argmax(ys[i])) {
                            wrong.add("thread " + thread + " row " + (r + i) + ": classify disagrees with predict");
                        }
                    }
                }
            }
            for (int i = 0; i < block * 10; i++) {
                if (Float.floatToRawIntBits(y[i]) != Float.floatToRawIntBits(expected[r * 10 + i])) {
                    wrong.add("thread " + thread + " row " + (r + i / 10) + " output " + i % 10 + ": " + y[i]
                            + " instead of " + expected[r * 10 + i]);
                    break;
                }
            }
            done += block;
            r = (r + block) % ROWS;
        }
        return wrong;
    }

    @Test
    void nanOrInfiniteInputsAreRefusedWithRowAndColumnAndOutputsUntouched() {
        try (Predictor p = Predictor.open(Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 4), new RefEngineProvider())) {
            float[] x = inputs(3);
            x[2 * 784 + 17] = Float.NaN;
            float[] y = new float[30];
            java.util.Arrays.fill(y, 7f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.predict(x, 3, y));
            assertTrue(e.getMessage().contains("input 17 of row 2 is NaN"), e.getMessage());
            for (float v : y) {
                assertEquals(7f, v);
            }
            float[] one = new float[784];
            one[5] = Float.POSITIVE_INFINITY;
            e = assertThrows(IllegalArgumentException.class, () -> p.classify(one));
            assertTrue(e.getMessage().contains("input 5 of row 0 is Infinity"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> p.predict(new float[783]));
            assertTrue(e.getMessage().contains("783") && e.getMessage().contains("784"), e.getMessage());
        }
    }

    @Test
    void nonFiniteParametersAreRefusedWhenOpened() {
        Parameters p = Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 4);
        p.weights(1)[3] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Predictor.open(p, new RefEngineProvider()));
        assertTrue(e.getMessage().contains("weights of layer 3 [3] = NaN"), e.getMessage());
    }

    @Test
    void aWarmPredictorAllocatesNothingPerCall() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Predictor p = Predictor.open(Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 4), new RefEngineProvider())) {
            float[] x = inputs(300);
            float[] y = new float[300 * 10];
            float[] one = java.util.Arrays.copyOf(x, 784);
            float[] out = new float[10];
            // Until the JIT has compiled the single-row path; the batch path is warm after a few calls.
            for (int i = 0; i < 5; i++) {
                p.predict(x, 300, y);
            }
            for (int i = 0; i < 20_000; i++) {
                p.predict(one, out);
                p.classify(one);
            }
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 50; i++) {
                p.predict(x, 300, y);
                p.predict(one, out);
                p.classify(one);
            }
            long perRound = (threads.getThreadAllocatedBytes(thread) - before) / 50;
            assertTrue(perRound < 16, "a warm predictor allocated " + perRound + " bytes per round of three calls");
        }
    }

    private static float[] inputs(int rows) {
        Random random = new Random(rows);
        float[] x = new float[rows * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        return x;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int j = 1; j < values.length; j++) {
            if (values[j] > values[best]) {
                best = j;
            }
        }
        return best;
    }

    @Test
    void batchesOfAnySizeGiveTheBitsOfSingleRows() {
        Parameters parameters = Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 8);
        try (Predictor p = Predictor.open(parameters, new RefEngineProvider(), 1)) {
            for (int rows : new int[] {1, 2, 3, 100, 255, 256, 257, 700}) {
                float[] x = inputs(rows);
                float[] y = new float[rows * 10];
                p.predict(x, rows, y);
                for (int r = 0; r < rows; r += Math.max(1, rows / 7)) {
                    assertArrayEquals(p.predict(java.util.Arrays.copyOfRange(x, r * 784, (r + 1) * 784)),
                            java.util.Arrays.copyOfRange(y, r * 10, (r + 1) * 10), rows + " rows, row " + r);
                }
            }
        }
    }
}
