package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The optimisers', schedules' and penalties' hyper-parameters are checked where they are made, with a message. */
class OptimizerSettingsTest {

    @Test
    void eachRuleNamesItselfAsTheCommandLineDoes() {
        assertEquals("sgd", Optimizer.sgd().id());
        assertEquals("momentum", Optimizer.momentum(0.9).id());
        assertEquals("nesterov", Optimizer.nesterov(0.9).id());
        assertEquals("adam", Optimizer.adam().id());
        assertEquals("adamw", Optimizer.adamW(0.01).id());
        assertEquals("rmsprop", Optimizer.rmsProp().id());
        assertEquals("adam(β₁ = 0.9, β₂ = 0.999, ε = 1.0E-8)", Optimizer.adam().toString());
    }

    @Test
    void hyperParametersOutsideTheirRangesAreRefused() {
        assertMessage("the momentum coefficient μ must be in [0, 1), got 1.0", () -> Optimizer.momentum(1));
        assertMessage("the momentum coefficient μ must be in [0, 1), got NaN", () -> Optimizer.nesterov(Double.NaN));
        assertMessage("β₂ must be in [0, 1), got -0.1", () -> new Adam(0.9, -0.1, 1e-8, 0));
        assertMessage("ε must be positive and finite, got 0.0", () -> new Adam(0.9, 0.99, 0, 0));
        assertMessage("AdamW's weight decay must be finite and at least 0, got -1.0", () -> Optimizer.adamW(-1));
        assertMessage("ρ must be in [0, 1), got 1.5", () -> new RmsProp(1.5, 1e-8));
        assertMessage("the L1 parameter λ₁ must be finite and ≥ 0, got -2.0", () -> new Regularization(0, -2, 10));
        assertMessage("the training set size n must be at least 1, got 0", () -> new Regularization(1, 0, 0));
        assertMessage("a schedule's factor must be in (0, 1], got 1.5", () -> Schedule.exponential(1.5));
        assertMessage("the halving schedule's patience must be at least 1 epoch, got 0", () -> Schedule.halving(0));
        assertMessage("the dropout probability p must be in [0, 1), got 1.0", () -> Trainer.builder().dropout(1));
        assertMessage("the validation fraction must be in [0, 1), got -0.1", () -> Trainer.builder().validation(-0.1));
    }

    @Test
    void schedulesAndPenaltiesComputeTheBooksNumbers() {
        assertEquals(0.25, Schedule.step(3, 0.5).factor(7));
        assertEquals(1, Schedule.halving(10).factor(50));
        assertEquals("halving:10", Schedule.halving(10).toString());
        Regularization r = new Regularization(5.0, 0, 50000);
        assertEquals((float) (0.5 * 5.0 / 50000), r.decay(0.5));
        assertEquals(Metric.VALIDATION_COST, Metric.byId("validation-cost"));
        assertTrue(Metric.VALIDATION_ACCURACY.improves(0.9, 0.8) && !Metric.VALIDATION_COST.improves(0.9, 0.8));
    }

    private static void assertMessage(String message, Runnable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call::run).getMessage());
    }
}
