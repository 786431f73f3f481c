package dev.backprop.engine.ref;

import static dev.backprop.engine.ref.TrainerTest.blobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.EpochReport;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Optimizer;
import dev.backprop.Parameters;
import dev.backprop.Schedule;
import dev.backprop.Trainer;
import dev.backprop.TrainingState;
import dev.backprop.data.Dataset;
import dev.backprop.io.Checkpoint;
import dev.backprop.io.ModelFile;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run stopped after some epochs and resumed from its checkpoint ends with the bits of the run
 * that never stopped: parameters, optimiser state, shuffles, dropout masks, the schedule and the
 * best epoch all continue. (bench's ResumeAfterKillTest does the same across a killed JVM.)
 */
class ResumeTest {
    private static final RefEngineProvider REF = new RefEngineProvider();
    private static final Network NETWORK = Network.builder(2).layer(12, Activations.SIGMOID).layer(2, Activations.SIGMOID)
            .cost(Costs.CROSS_ENTROPY).build();

    @TempDir
    Path dir;

    static Stream<Trainer.Builder> settings() {
        return Stream.of(
                Trainer.builder().learningRate(0.5).lambda(0.2),
                Trainer.builder().optimizer(Optimizer.adam()).learningRate(0.01).lambda1(0.05).dropout(0.3)
                        .validation(0.2).schedule(Schedule.halving(1)).warmUp(1),
                Trainer.builder().optimizer(Optimizer.nesterov(0.9)).learningRate(0.1).dropout(0.5).validation(0.25)
                        .earlyStopping(50).schedule(Schedule.step(2, 0.7)));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void aResumedRunEndsWithTheBitsOfOneThatNeverStopped(Trainer.Builder settings) throws Exception {
        Dataset training = blobs(150, 1);
        Dataset test = blobs(60, 2);
        Parameters start = Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 7);
        settings.engine(REF).miniBatchSize(9).seed(11).monitorAll(true);

        Parameters whole = start.copy();
        List<EpochReport> wholeHistory = settings.epochs(6).build().train(whole, training, test);

        Parameters interrupted = start.copy();
        settings.epochs(4).checkpoint(Checkpoint.in(dir), 2).build().train(interrupted, training, test);
        TrainingState state = Checkpoint.load(dir);
        assertEquals(4, state.epoch());
        Parameters resumed = Parameters.zeros(NETWORK);
        List<EpochReport> resumedHistory = settings.epochs(6).resume(state).build().train(resumed, training, test);

        assertEquals(whole, resumed, "the resumed run's parameters");
        assertEquals(wholeHistory.size(), resumedHistory.size());
        for (int e = 0; e < wholeHistory.size(); e++) {
            EpochReport a = wholeHistory.get(e);
            EpochReport b = resumedHistory.get(e);
            assertEquals(a.validationAccuracy(), b.validationAccuracy(), "epoch " + (e + 1));
            assertEquals(a.trainingCost(), b.trainingCost(), "epoch " + (e + 1));
            assertEquals(a.evaluationAccuracy(), b.evaluationAccuracy(), "epoch " + (e + 1));
            assertEquals(a.learningRate(), b.learningRate(), "epoch " + (e + 1));
        }
        // The checkpoint is also a model file.
        assertEquals(NETWORK, ModelFile.load(dir.resolve(Checkpoint.FILE)).network());
    }

    @Test
    void aCheckpointOfOtherSettingsIsRefused() throws Exception {
        Parameters p = Parameters.initialize(NETWORK, Init.SCALED_NORMAL, 7);
        Trainer.builder().engine(REF).epochs(2).checkpoint(Checkpoint.in(dir), 1).build().train(p, blobs(50, 1), null);
        TrainingState state = Checkpoint.load(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().engine(REF)
                .epochs(4).learningRate(0.1).resume(state).build().train(p.copy(), blobs(50, 1), null));
        assertTrue(e.getMessage().contains("other settings") && e.getMessage().contains("η = 0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().engine(REF).epochs(2).resume(state)
                .build().train(p.copy(), blobs(50, 1), null));
        assertTrue(e.getMessage().contains("nothing is left to train"), e.getMessage());
    }
}
