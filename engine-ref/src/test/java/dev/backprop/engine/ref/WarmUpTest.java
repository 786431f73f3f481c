package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Trainer;
import dev.backprop.data.Dataset;
import dev.backprop.spi.Matrix;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The warm-up ramp as the engine sees it: during the first w epochs the k-th mini-batch step
 * (counted from the run's start) takes η·k / (w · steps per epoch), after them η, for every
 * weight and bias update of that step.
 */
class WarmUpTest {
    private static final Network NETWORK = Network.of(3, 4, 2);

    /** The reference engine, recording the rate of every update it is asked for. */
    private static final class RateRecorder extends DelegatingEngine {
        final List<Float> rates = new ArrayList<>();

        RateRecorder() {
            super("rate-recorder");
        }

        @Override
        public void update(Matrix param, Matrix grad, float eta, float decay) {
            rates.add(eta);
            super.update(param, grad, eta, decay);
        }
    }

    @Test
    void theFirstEpochsRampTheRateLinearlyStepByStep() {
        int examples = 12;
        int miniBatch = 4;
        int stepsPerEpoch = examples / miniBatch;
        int warmUpEpochs = 2;
        int epochs = 3;
        double eta = 0.6;
        float[] x = new float[examples * 3];
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) {
            x[3 * i] = i / (float) examples;
            x[3 * i + 1] = 1 - i / (float) examples;
            x[3 * i + 2] = (i % 3) / 3f;
            labels[i] = i % 2;
        }
        Dataset training = Dataset.classification(x, 3, labels, 2);
        Trainer trainer = Trainer.builder().learningRate(eta).epochs(epochs).miniBatchSize(miniBatch).seed(3)
                .warmUp(warmUpEpochs).build();
        try (RateRecorder engine = new RateRecorder()) {
            trainer.train(engine, Parameters.initialize(NETWORK, Init.STANDARD_NORMAL, 1), training, null);
            int updatesPerStep = 2 * NETWORK.depth();
            assertEquals(epochs * stepsPerEpoch * updatesPerStep, engine.rates.size(), "updates: " + engine.rates);
            for (int step = 1; step <= epochs * stepsPerEpoch; step++) {
                double expected = step <= warmUpEpochs * stepsPerEpoch ? eta * step / (warmUpEpochs * stepsPerEpoch) : eta;
                for (int u = 0; u < updatesPerStep; u++) {
                    float got = engine.rates.get((step - 1) * updatesPerStep + u);
                    assertEquals(expected, got, 1e-6, "step " + step + ", update " + u);
                }
            }
        }
    }
}
