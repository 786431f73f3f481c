package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.backprop.data.Dataset;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mini-batches of {@link BatchGatherer}, inline and one batch ahead on its own thread. */
class BatchGathererTest {

    /**
     * Over three epochs, each with a new order, every batch holds exactly the rows of its
     * examples in the order's sequence, also the short last batch (23 = 4 × 5 + 3), and the
     * gathering thread is gone after close.
     */
    @ParameterizedTest(name = "ahead = {0}")
    @ValueSource(booleans = {false, true})
    void everyBatchHoldsTheExamplesOfItsPlaceInTheOrder(boolean ahead) throws Exception {
        int n = 23;
        int width = 4;
        int classes = 3;
        float[] x = new float[n * width];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < width; k++) {
                x[i * width + k] = i * 100 + k; // row i says which example it is
            }
            labels[i] = i % classes;
        }
        Dataset data = Dataset.classification(x, width, labels, classes);
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        Random random = new Random(1);
        Thread gathering;
        try (BatchGatherer gatherer = new BatchGatherer(data, 5, ahead)) {
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int i = n - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                gatherer.startEpoch(order);
                for (int b = 0; b * 5 < n; b++) {
                    int slot = gatherer.take(b);
                    int rows = gatherer.rows(b);
                    assertEquals(Math.min(5, n - b * 5), rows);
                    for (int r = 0; r < rows; r++) {
                        int example = order[b * 5 + r];
                        assertArrayEquals(data.input(example),
                                Arrays.copyOfRange(gatherer.inputs(slot), r * width, (r + 1) * width),
                                "epoch " + epoch + ", batch " + b + ", row " + r);
                        assertArrayEquals(data.target(example),
                                Arrays.copyOfRange(gatherer.targets(slot), r * classes, (r + 1) * classes));
                    }
                    gatherer.release(b);
                }
            }
            gathering = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("backprop-gather"))
                    .findFirst().orElse(null);
            assertEquals(ahead, gathering != null, "a gathering thread runs exactly when asked for");
        }
        if (gathering != null) {
            gathering.join(5000);
            assertFalse(gathering.isAlive(), "the gathering thread outlived close()");
        }
    }

    /**
     * A gathering thread that the machine does not run (held back here until the first epoch is
     * over, as a busy neighbour on its core would) never holds the trainer up: every batch of the
     * first epoch still comes, with the right rows, from the trainer's own gathering; the second
     * epoch, with the thread running, is as right. A trainer that waited for the thread would
     * never finish the first epoch (the timeout fails the test).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aGathererThatIsNotRunNeverHoldsTheTrainerUp() throws Exception {
        int n = 57;
        int width = 3;
        float[] x = new float[n * width];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < width; k++) {
                x[i * width + k] = i * 10 + k;
            }
            labels[i] = i % 2;
        }
        Dataset data = Dataset.classification(x, width, labels, 2);
        CountDownLatch firstEpochDone = new CountDownLatch(1);
        Thread[] made = new Thread[1];
        int[] order = new int[n];
        Arrays.setAll(order, i -> (i * 7) % n);
        try (BatchGatherer gatherer = new BatchGatherer(data, 4, task -> {
            made[0] = new Thread(() -> {
                try {
                    firstEpochDone.await();
                } catch (InterruptedException e) {
                    return;
                }
                task.run();
            }, "held-back-gatherer");
            made[0].setDaemon(true);
            return made[0];
        })) {
            for (int epoch = 0; epoch < 2; epoch++) {
                gatherer.startEpoch(order);
                for (int b = 0; b * 4 < n; b++) {
                    int slot = gatherer.take(b);
                    for (int r = 0; r < gatherer.rows(b); r++) {
                        assertArrayEquals(data.input(order[b * 4 + r]),
                                Arrays.copyOfRange(gatherer.inputs(slot), r * width, (r + 1) * width),
                                "epoch " + epoch + ", batch " + b + ", row " + r);
                    }
                    gatherer.release(b);
                }
                firstEpochDone.countDown();
            }
        }
        made[0].join(5000);
        assertFalse(made[0].isAlive(), "the gathering thread outlived close()");
    }
}
