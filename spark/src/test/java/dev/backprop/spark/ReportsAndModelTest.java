package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activations;
import dev.backprop.Backpropagation;
import dev.backprop.Costs;
import dev.backprop.EpochReport;
import dev.backprop.Evaluation;
import dev.backprop.Evaluator;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.TrainingDivergedException;
import dev.backprop.data.Dataset;
import dev.backprop.io.ModelFile;
import dev.backprop.spi.Engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round and epoch reports, the monitors, the engines kept per executor, divergence and the saved model. */
class ReportsAndModelTest {
    private static final Dataset DATA = TestData.classification(95, 8, 21);
    private static final Dataset TEST = TestData.classification(30, 8, 22);

    @Test
    void everyRoundIsReportedAndEachEpochMonitorsAsLocalTrainingDoes(@TempDir Path dir) throws Exception {
        List<RoundReport> rounds = new ArrayList<>();
        List<EpochReport> epochs = new ArrayList<>();
        List<String> batches = new ArrayList<>();
        RoundListener listener = new RoundListener() {
            @Override
            public void roundFinished(RoundReport report) {
                rounds.add(report);
            }

            @Override
            public void epochFinished(EpochReport report) {
                epochs.add(report);
            }

            @Override
            public void batchFinished(int epoch, int batch, int count) {
                batches.add(epoch + ":" + batch + "/" + count);
            }
        };
        Network network = TestData.network();
        Parameters parameters = TestData.parameters(network);
        int openedBefore = ExecutorEngines.opened();
        List<EpochReport> history = SparkTrainer.builder().engine("ref").learningRate(0.5).miniBatchSize(10).epochs(2)
                .monitorTrainingCost(true).monitorTrainingAccuracy(true).monitorEvaluationCost(true)
                .listener(listener).build()
                .train(parameters, TestData.rdd(LocalSpark.context(), DATA, 3), TEST);

        // 95 examples in global mini-batches of 10: ten rounds an epoch, the last of 5 examples.
        assertEquals(20, rounds.size());
        assertEquals(10, rounds.get(0).examples());
        assertEquals(5, rounds.get(9).examples());
        assertEquals(10, rounds.get(9).round());
        assertEquals(2, rounds.get(19).epoch());
        assertTrue(rounds.stream().allMatch(r -> r.seconds() > 0 && Double.isFinite(r.cost()) && r.partitions() >= 1));
        assertEquals("1:1/10", batches.get(0));
        assertEquals("2:10/10", batches.get(19));
        assertEquals(history, epochs);
        assertTrue(ExecutorEngines.opened() - openedBefore <= 2,
                "an engine per task slot at most, not one per round: opened " + (ExecutorEngines.opened() - openedBefore));

        // The monitors of the last epoch are those of the parameters handed back.
        EpochReport last = history.get(1);
        try (Engine engine = TestData.engine("ref").open();
             Backpropagation bp = Backpropagation.open(engine, network)) {
            bp.setParameters(parameters);
            Evaluation training = Evaluator.evaluate(bp, DATA);
            Evaluation test = Evaluator.evaluate(bp, TEST);
            assertEquals(training.accuracy().getAsDouble(), last.trainingAccuracy().getAsDouble());
            assertEquals(training.cost(), last.trainingCost().getAsDouble(), 1e-12 * training.cost(),
                    "three partitions' costs, weighted by their sizes");
            assertEquals(test.accuracy().getAsDouble(), last.evaluationAccuracy().getAsDouble());
            assertEquals(test.cost(), last.evaluationCost().getAsDouble());
        }

        Path file = dir.resolve("distributed.npz");
        ModelFile.save(network, parameters, file);
        assertEquals(parameters, ModelFile.load(file).parameters());
    }

    /**
     * A step too large for the data makes the parameters overflow: training stops with the api's
     * TrainingDivergedException, and the caller's parameters keep their last finished epoch.
     */
    @Test
    void divergenceStopsTrainingAndKeepsTheLastFiniteParameters() {
        Network line = Network.builder(2).layer(1, Activations.IDENTITY).cost(Costs.QUADRATIC).build();
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            examples.add(Example.of(new float[] {i, 1}, new float[] {1e30f}));
        }
        Parameters parameters = Parameters.zeros(line);
        Parameters before = parameters.copy();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> SparkTrainer.builder().learningRate(1e9).epochs(3).miniBatchSize(5).build()
                        .train(parameters, LocalSpark.context().parallelize(examples, 2), null));
        assertEquals(1, e.epoch());
        assertTrue(e.getMessage().startsWith("training diverged in epoch 1: "), e.getMessage());
        assertEquals(before, parameters);
    }
}
