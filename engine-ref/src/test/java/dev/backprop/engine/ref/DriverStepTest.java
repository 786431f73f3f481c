package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Backpropagation;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Optimizer;
import dev.backprop.OptimizerState;
import dev.backprop.Parameters;
import dev.backprop.Regularization;
import dev.backprop.spi.Engine;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The optimiser step behind the api's {@code setGradient} + {@code update(eta, regularization)}:
 * what a data-parallel driver calls with a gradient summed elsewhere moves the parameters and the
 * optimiser's state exactly as the session's own gradient does.
 */
class DriverStepTest {
    private static final Network NETWORK = Network.of(13, 9, 4);
    private static final Regularization PENALTY = new Regularization(0.3, 0.1, 100);

    @Test
    void aGradientHandedInStepsLikeTheSessionsOwn() {
        for (Optimizer rule : new Optimizer[] {Optimizer.sgd(), Optimizer.momentum(0.9), Optimizer.adam(), Optimizer.rmsProp()}) {
            Parameters start = Parameters.initialize(NETWORK, Init.STANDARD_NORMAL, 5);
            try (Engine engine = new RefEngineProvider().open(); Backpropagation own = Backpropagation.open(engine, NETWORK);
                 Backpropagation driver = Backpropagation.open(engine, NETWORK)) {
                own.setParameters(start);
                own.setOptimizer(rule);
                driver.setParameters(start);
                driver.setOptimizer(rule);
                Parameters gradient = Parameters.zeros(NETWORK);
                for (int step = 1; step <= 3; step++) {
                    feed(own, step);
                    own.backpropagate();
                    own.getGradient(gradient);
                    own.update(0.05, PENALTY);
                    driver.setGradient(gradient);
                    driver.update(0.05, PENALTY);
                }
                assertEquals(parameters(own), parameters(driver), rule.toString());
                OptimizerState state = driver.optimizerState();
                assertEquals(own.optimizerState(), state, rule.toString());
                assertEquals(3, state.steps());
            }
        }
    }

    @Test
    void sgdsOwnStepIsRefusedWhenAnotherRuleIsSet() {
        try (Engine engine = new RefEngineProvider().open(); Backpropagation bp = Backpropagation.open(engine, NETWORK)) {
            bp.setParameters(Parameters.initialize(NETWORK, Init.STANDARD_NORMAL, 5));
            bp.setOptimizer(Optimizer.adam());
            feed(bp, 1);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> bp.step(0.5f, 0f));
            assertTrue(e.getMessage().contains("adam") && e.getMessage().contains("step(eta, regularization)"),
                    e.getMessage());
            IllegalArgumentException wrongRule = assertThrows(IllegalArgumentException.class,
                    () -> bp.setOptimizerState(new OptimizerState("momentum", 1, new float[0][])));
            assertTrue(wrongRule.getMessage().contains("momentum"), wrongRule.getMessage());
        }
    }

    private static Parameters parameters(Backpropagation bp) {
        Parameters p = Parameters.zeros(NETWORK);
        bp.getParameters(p);
        return p;
    }

    private static void feed(Backpropagation bp, long seed) {
        Random random = new Random(seed);
        float[] x = new float[6 * 13];
        float[] y = new float[6 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        for (int i = 0; i < 6; i++) {
            y[i * 4 + random.nextInt(4)] = 1;
        }
        bp.feedforward(x, 0, 6);
        bp.setTargets(y, 0);
    }
}
