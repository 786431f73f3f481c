package dev.backprop.engine.ref;

import static dev.backprop.engine.ref.TrainerTest.blobs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;
import dev.backprop.EpochReport;
import dev.backprop.Init;
import dev.backprop.Metric;
import dev.backprop.Network;
import dev.backprop.Optimizer;
import dev.backprop.Parameters;
import dev.backprop.Predictor;
import dev.backprop.Schedule;
import dev.backprop.Trainer;
import dev.backprop.TrainingDivergedException;
import dev.backprop.TrainingListener;
import dev.backprop.TrainingOutcome;
import dev.backprop.data.Dataset;
import dev.backprop.data.Split;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The trainer's chapter 3 settings on the reference engine: what each does, and that each is seeded. */
class Chapter3TrainerTest {
    private static final RefEngineProvider REF = new RefEngineProvider();
    private static final Network NETWORK = Network.builder(2).layer(8, Activations.SIGMOID).layer(2, Activations.SIGMOID)
            .cost(Costs.CROSS_ENTROPY).build();

    private static Trainer.Builder trainer() {
        return Trainer.builder().engine(REF).learningRate(0.5).epochs(20).miniBatchSize(10).seed(3);
    }

    static List<Object[]> rules() {
        return List.of(new Object[] {Optimizer.sgd(), 2.0}, new Object[] {Optimizer.momentum(0.9), 0.2},
                new Object[] {Optimizer.nesterov(0.9), 0.2}, new Object[] {Optimizer.adam(), 0.02},
                new Object[] {Optimizer.adamW(0.01), 0.02}, new Object[] {Optimizer.rmsProp(), 0.01});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void everyOptimizerLearnsTheProblemAndIsSeeded(Optimizer rule, double eta) {
        Parameters a = Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 1);
        Parameters b = a.copy();
        List<EpochReport> history = trainer().optimizer(rule).learningRate(eta).lambda(0.1).lambda1(0.05).build()
                .train(a, blobs(400, 1), blobs(200, 2));
        trainer().optimizer(rule).learningRate(eta).lambda(0.1).lambda1(0.05).build().train(b, blobs(400, 1), blobs(200, 2));
        assertTrue(history.get(19).evaluationAccuracy().getAsDouble() > 0.93, rule + ": " + history.get(19));
        assertEquals(a, b, rule + ": the same seed must give the same bits");
    }

    @Test
    void l1PushesWeightsToZeroHarderThanNothing() {
        Parameters plain = Parameters.initialize(NETWORK, Init.STANDARD_NORMAL, 2);
        Parameters sparse = plain.copy();
        trainer().epochs(10).build().train(plain, blobs(200, 5), null);
        trainer().epochs(10).lambda1(20).build().train(sparse, blobs(200, 5), null);
        assertTrue(sparse.sumOfAbsoluteWeights() < 0.6 * plain.sumOfAbsoluteWeights(),
                sparse.sumOfAbsoluteWeights() + " vs " + plain.sumOfAbsoluteWeights());
    }

    /** Dropout changes training, is seeded, and the full network is what is measured and kept. */
    @Test
    void dropoutIsSeededAndTheFullNetworkIsMeasured() {
        Network wide = Network.builder(2).layer(30, Activations.SIGMOID).layer(2, Activations.SIGMOID)
                .cost(Costs.CROSS_ENTROPY).build();
        Parameters start = Parameters.initialize(wide, Init.SCALED_NORMAL, 4);
        Parameters none = start.copy();
        Parameters a = start.copy();
        Parameters b = start.copy();
        Dataset test = blobs(200, 2);
        trainer().epochs(8).build().train(none, blobs(300, 1), test);
        List<EpochReport> history = trainer().epochs(8).dropout(0.5).build().train(a, blobs(300, 1), test);
        trainer().epochs(8).dropout(0.5).build().train(b, blobs(300, 1), test);
        assertEquals(a, b);
        assertNotEquals(none, a);
        try (Predictor full = Predictor.open(a, REF)) {
            assertEquals(history.get(7).evaluationAccuracy().getAsDouble(), full.evaluate(test).accuracy().getAsDouble());
        }
        assertTrue(history.get(7).evaluationAccuracy().getAsDouble() > 0.9, history.get(7).toString());
    }

    @Test
    void stepAndExponentialSchedulesSetEachEpochsRate() {
        Parameters p = Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 1);
        List<EpochReport> step = trainer().epochs(5).schedule(Schedule.step(2, 0.5)).build().train(p, blobs(50, 1), null);
        assertArrayEquals(new double[] {0.5, 0.5, 0.25, 0.25, 0.125},
                step.stream().mapToDouble(EpochReport::learningRate).toArray());
        List<EpochReport> exp = trainer().epochs(3).schedule(Schedule.exponential(0.1)).build().train(p, blobs(50, 1), null);
        assertEquals(0.5 * 0.1 * 0.1, exp.get(2).learningRate(), 1e-15);
    }

    /**
     * The book's halving: with η so small that nothing changes the validation accuracy, it never
     * improves after the first epoch, so η halves every epoch (patience 1) and the run stops when
     * it reaches η₀/128, after 1 + 7 epochs, keeping the best (first) epoch.
     */
    @Test
    void halvingStopsAtAHundredAndTwentyEighthOfTheRate() {
        List<TrainingOutcome> outcome = new ArrayList<>();
        Parameters p = Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 1);
        List<EpochReport> history = trainer().learningRate(1e-9).epochs(50).validation(0.2).schedule(Schedule.halving(1))
                .listener(finished(outcome)).build().train(p, blobs(200, 1), null);
        assertEquals(8, history.size());
        assertEquals(1e-9 / 64, history.get(7).learningRate(), 1e-24);
        assertEquals(TrainingOutcome.Reason.LEARNING_RATE_EXHAUSTED, outcome.get(0).reason());
        assertEquals(1, outcome.get(0).bestEpoch());
    }

    /**
     * Early stopping keeps the best epoch's parameters: the validation accuracy of what the
     * caller gets is the best one reported, never the last or the worst.
     */
    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        List<TrainingOutcome> outcome = new ArrayList<>();
        Dataset data = blobs(300, 7);
        Parameters p = Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 5);
        List<EpochReport> history = trainer().learningRate(4).epochs(40).validation(0.3).earlyStopping(3)
                .listener(finished(outcome)).build().train(p, data, null);
        TrainingOutcome o = outcome.get(0);
        assertEquals(TrainingOutcome.Reason.EARLY_STOPPING, o.reason(), o.toString());
        assertEquals(history.size(), o.epochs());
        assertEquals(o.bestEpoch() + 3, o.epochs());
        double best = history.stream().mapToDouble(r -> r.validationAccuracy().getAsDouble()).max().orElseThrow();
        assertEquals(best, history.get(o.bestEpoch() - 1).validationAccuracy().getAsDouble());
        assertTrue(best > history.get(history.size() - 1).validationAccuracy().getAsDouble()
                || o.bestEpoch() < history.size(), "the best epoch is not simply the last");
        int[] labels = new int[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(i);
        }
        Dataset validation = Split.select(data, Split.stratified(labels, 0, 0.3, 3).validation());
        try (Predictor kept = Predictor.open(p, REF)) {
            assertEquals(o.bestValue(), kept.evaluate(validation).accuracy().getAsDouble(),
                    "the parameters given back are the best epoch's");
        }
    }

    @Test
    void watchingValidationWithoutValidationDataIsRefused() {
        Parameters p = Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer().earlyStopping(3).build().train(p, blobs(50, 1), null));
        assertTrue(e.getMessage().contains("validation-accuracy") && e.getMessage().contains("validation(fraction)"),
                e.getMessage());
    }

    /**
     * A NaN in the watched metric stops with the divergence error, the best epoch's parameters
     * kept: a cost that turns NaN after the last step of epoch 3 (so training itself saw finite
     * costs) makes that epoch's training cost NaN.
     */
    @Test
    void aNanMetricStopsWithTheDivergenceError() {
        boolean[] poisoned = {false};
        Cost turnsNan = new Cost() {
            public String id() {
                return "quadratic-then-nan";
            }

            public double value(float a, float y) {
                return poisoned[0] ? Double.NaN : Costs.QUADRATIC.value(a, y);
            }

            public float outputError(float a, float y, float z, Activation f) {
                return Costs.QUADRATIC.outputError(a, y, z, f);
            }
        };
        Network network = Network.builder(2).layer(8, Activations.SIGMOID).layer(2, Activations.SIGMOID).cost(turnsNan)
                .build();
        Parameters p = Parameters.initialize(network, Init.SCALED_NORMAL, 5);
        List<Parameters> afterEpoch = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochFinished(EpochReport report) {
                afterEpoch.add(p.copy());
            }

            @Override
            public void batchFinished(int epoch, int batch, int batches) {
                poisoned[0] |= epoch == 3 && batch == batches;
            }
        };
        Trainer trainer = trainer().learningRate(2).epochs(10).watch(Metric.TRAINING_COST).earlyStopping(5)
                .listener(listener).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.train(p, blobs(100, 3), null));
        assertEquals(3, e.epoch());
        assertTrue(e.getMessage().contains("training-cost became NaN"), e.getMessage());
        assertNull(p.firstNonFinite());
        assertEquals(2, afterEpoch.size());
        assertTrue(p.equals(afterEpoch.get(0)) || p.equals(afterEpoch.get(1)), "one of the measured epochs is kept");
    }

    private static TrainingListener finished(List<TrainingOutcome> into) {
        return new TrainingListener() {
            @Override
            public void epochFinished(EpochReport report) {
            }

            @Override
            public void trainingFinished(TrainingOutcome outcome) {
                into.add(outcome);
            }
        };
    }
}
