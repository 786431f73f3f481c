package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.EpochReport;
import dev.backprop.Evaluation;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Predictor;
import dev.backprop.Trainer;
import dev.backprop.TrainingDivergedException;
import dev.backprop.TrainingListener;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.data.Dataset;
import dev.backprop.tck.EngineChecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The trainer driving the reference engine on small synthetic problems. */
class TrainerTest {
    private static final RefEngineProvider REF = new RefEngineProvider();
    /** The network of the bit-for-bit comparisons: tanh, then sigmoid with cross-entropy. */
    private static final Network CROSS_ENTROPY_NETWORK = Network.builder(2).layer(5, Activations.TANH)
            .layer(2, Activations.SIGMOID).cost(Costs.CROSS_ENTROPY).build();

    /** Two Gaussian blobs per class in 2-D, a problem a [2, 8, 2] network learns in a few epochs. */
    static Dataset blobs(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(2);
            float cx = label == 0 ? -1f : 1f;
            float cy = random.nextBoolean() ? -1f : 1f;
            // XOR-like: class 1 sits where the signs of the centres differ.
            labels[i] = (cx > 0) != (cy > 0) ? 1 : 0;
            x[2 * i] = cx + 0.3f * (float) random.nextGaussian();
            x[2 * i + 1] = cy + 0.3f * (float) random.nextGaussian();
        }
        return Dataset.classification(x, 2, labels, 2);
    }

    private static Trainer.Builder trainer() {
        return Trainer.builder().engine(REF).learningRate(2.0).epochs(30).miniBatchSize(7).seed(3);
    }

    @Test
    void learnsANonLinearProblem() {
        Network network = Network.of(2, 8, 2);
        Parameters p = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        Dataset train = blobs(400, 1);
        Dataset test = blobs(200, 2);
        double before;
        try (Predictor predictor = Predictor.open(p, REF)) {
            before = predictor.evaluate(test).accuracy().getAsDouble();
        }
        List<EpochReport> history = trainer().monitorAll(true).build().train(p, train, test);
        assertEquals(30, history.size());
        double after = history.get(29).evaluationAccuracy().getAsDouble();
        assertTrue(after > 0.95, "accuracy after training " + after + " (before " + before + ")");
        assertTrue(history.get(29).trainingCost().getAsDouble() < history.get(0).trainingCost().getAsDouble());
        try (Predictor predictor = Predictor.open(p, REF)) {
            // The trained parameters were written back into p.
            Evaluation e = predictor.evaluate(test);
            assertEquals(after, e.accuracy().getAsDouble());
            assertEquals(1, predictor.classify(new float[] {1f, -1f}));
            assertEquals(0, predictor.classify(new float[] {1f, 1f}));
        }
    }

    @Test
    void sameSeedGivesTheSameBitsAndAnotherSeedDoesNot() {
        Network network = CROSS_ENTROPY_NETWORK;
        Dataset train = blobs(101, 5);
        Parameters a = Parameters.initialize(network, Init.SCALED_NORMAL, 9);
        Parameters b = a.copy();
        Parameters c = a.copy();
        trainer().epochs(3).lambda(0.5).build().train(a, train, null);
        trainer().epochs(3).lambda(0.5).build().train(b, train, null);
        trainer().epochs(3).lambda(0.5).seed(4).build().train(c, train, null);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    /**
     * Gathering the mini-batches on a thread of its own, one batch ahead, must feed the engine
     * exactly the rows the calling thread would: the same bits after several epochs, each with
     * a new shuffle, and a last mini-batch smaller than the others (101 = 14 × 7 + 3). On a
     * single processor no thread starts and both runs gather inline; BatchGathererTest drives
     * the thread directly on any machine.
     */
    @Test
    void gatheringAheadGivesTheBitsOfGatheringInline() {
        Network network = CROSS_ENTROPY_NETWORK;
        Dataset train = blobs(101, 6);
        Parameters start = Parameters.initialize(network, Init.SCALED_NORMAL, 4);
        Parameters inline = start.copy();
        Parameters ahead = start.copy();
        trainer().epochs(4).lambda(0.5).gatherAhead(false).build().train(inline, train, null);
        trainer().epochs(4).lambda(0.5).gatherAhead(true).build().train(ahead, train, null);
        assertNotEquals(start, inline);
        assertEquals(inline, ahead);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("backprop-gather")),
                "the gathering thread outlived train()");
    }

    @Test
    void l2ShrinksTheWeights() {
        Network network = Network.of(2, 8, 2);
        Dataset train = blobs(200, 5);
        Parameters plain = Parameters.initialize(network, Init.STANDARD_NORMAL, 2);
        Parameters regularised = plain.copy();
        trainer().epochs(5).build().train(plain, train, null);
        trainer().epochs(5).lambda(20).build().train(regularised, train, null);
        assertTrue(regularised.sumOfSquaredWeights() < 0.8 * plain.sumOfSquaredWeights(),
                regularised.sumOfSquaredWeights() + " vs " + plain.sumOfSquaredWeights());
    }

    @Test
    void divergenceStopsWithTheEpochAndLeavesNoNaN() {
        Network network = Network.builder(2).layer(8, Activations.RELU).layer(2, Activations.IDENTITY).build();
        Parameters p = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        Parameters initial = p.copy();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer().learningRate(1e6).build().train(p, blobs(100, 1), null));
        assertEquals(1, e.epoch());
        assertTrue(e.getMessage().contains("epoch 1") && e.getMessage().contains("η = 1000000.0")
                && e.getMessage().contains("smaller"), e.getMessage());
        assertNull(p.firstNonFinite());
        assertEquals(initial, p, "parameters keep their values from before the diverging epoch");
    }

    @Test
    void listenerSeesEveryBatchAndEpoch() {
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochFinished(EpochReport report) {
                events.add("epoch " + report.epoch());
            }

            @Override
            public void batchFinished(int epoch, int batch, int batches) {
                events.add(epoch + ":" + batch + "/" + batches);
            }
        };
        // 20 examples in mini-batches of 7: 7, 7, 6.
        trainer().epochs(2).listener(listener).build().train(
                Parameters.initialize(Network.of(2, 3, 2), Init.STANDARD_NORMAL, 1), blobs(20, 1), null);
        assertEquals(List.of("1:1/3", "1:2/3", "1:3/3", "epoch 1", "2:1/3", "2:2/3", "2:3/3", "epoch 2"), events);
    }

    @Test
    void dataOfTheWrongWidthIsRejectedBeforeTraining() {
        Parameters p = Parameters.initialize(Network.of(3, 4, 2), Init.STANDARD_NORMAL, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer().build().train(p, blobs(10, 1), null));
        assertTrue(e.getMessage().contains("2 inputs") && e.getMessage().contains("needs 3"), e.getMessage());
    }

    @Test
    void aCustomActivationTrainsOnTheReferenceEngine() {
        Activation softsign = EngineChecks.CUSTOM_ACTIVATION; // the kit's: z / (1 + |z|), not a built-in
        Network network = Network.builder(2).layer(8, softsign).layer(2, Activations.SIGMOID).build();
        Parameters p = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        List<EpochReport> history = trainer().build().train(p, blobs(400, 1), blobs(200, 2));
        assertTrue(history.get(29).evaluationAccuracy().getAsDouble() > 0.9, history.get(29).toString());
    }
}
