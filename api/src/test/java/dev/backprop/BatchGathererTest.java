package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.backprop.data.Dataset;

import java.util.Arrays;
import java.util.Random;

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
}
