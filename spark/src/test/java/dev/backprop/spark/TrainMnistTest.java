package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.Schedule;

import org.junit.jupiter.api.Test;

/** The options of {@link TrainMnist}; the program itself runs in LoopbackClusterIT, as the README shows it. */
class TrainMnistTest {

    private static SparkTrainer trainer(String... args) {
        return TrainMnist.trainer(TrainMnist.parse(args)).build();
    }

    private static String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> trainer(args)).getMessage();
    }

    @Test
    void modes() {
        assertEquals(Mode.synchronousGradient(), TrainMnist.mode("sync"));
        assertEquals(Mode.localSteps(50), TrainMnist.mode("local:50"));
        assertEquals("--mode is 'sync' or 'local:K' with K local steps per round, got 'local:x'",
                assertThrows(IllegalArgumentException.class, () -> TrainMnist.mode("local:x")).getMessage());
        assertEquals("local steps per round must be at least 1, got k = 0",
                assertThrows(IllegalArgumentException.class, () -> TrainMnist.mode("local:0")).getMessage());
    }

    @Test
    void theDefaultsAreChapterOnes() {
        assertEquals("SparkTrainer[local steps (k = 50) and averaging, sgd, η = 3.0, λ = 0.0, mini-batch 10, 10 epochs, "
                + "seed 1, engine chosen by each JVM]", trainer().toString());
    }

    /** Chapter 3's options, as ./backprop mnist names them, all reach the trainer. */
    @Test
    void chapter3Options() {
        SparkTrainer t = trainer("--mode", "sync", "--optimizer", "adamw", "--beta1", "0.8", "--beta2", "0.99",
                "--epsilon", "1e-6", "--weight-decay", "0.02", "--eta", "0.001", "--l1", "0.5", "--dropout", "0.25",
                "--schedule", "step:5:0.5", "--warmup", "2");
        assertEquals("adamw(β₁ = 0.8, β₂ = 0.99, ε = 1.0E-6, weight decay 0.02)", t.optimizer().toString());
        assertEquals(0.5, t.lambda1());
        assertEquals(0.25, t.dropout());
        assertEquals(Schedule.step(5, 0.5), t.schedule());
        assertEquals(2, t.warmUp());
        assertEquals("momentum(μ = 0.7)", trainer("--optimizer", "momentum", "--momentum", "0.7").optimizer().toString());
        assertEquals("nesterov(μ = 0.9)", trainer("--optimizer", "nesterov").optimizer().toString());
        assertEquals("rmsprop(ρ = 0.8, ε = 1.0E-8)", trainer("--optimizer", "rmsprop", "--rho", "0.8").optimizer().toString());
        assertEquals(Schedule.exponential(0.9), trainer("--schedule", "exponential:0.9").schedule());
    }

    /** One line that names the option, its value and the rule (Trainer's words where the builder refuses). */
    @Test
    void mistakesNameTheOption() {
        assertEquals("--dropout 1.5: the dropout probability p must be in [0, 1), got 1.5", refusal("--dropout", "1.5"));
        assertEquals("--l1 needs a number, got 'x'", refusal("--l1", "x"));
        assertEquals("--optimizer adam: β₁ must be in [0, 1), got 1.0", refusal("--optimizer", "adam", "--beta1", "1"));
        assertEquals("--optimizer lion: the optimizer must be sgd, momentum, nesterov, adam, adamw or rmsprop, got 'lion'",
                refusal("--optimizer", "lion"));
        assertEquals("--momentum is a hyper-parameter of momentum and nesterov, not of sgd; choose the optimizer with "
                + "--optimizer", refusal("--momentum", "0.9"));
        assertEquals("--epsilon is a hyper-parameter of adam, adamw and rmsprop, not of nesterov; choose the optimizer "
                + "with --optimizer", refusal("--optimizer", "nesterov", "--epsilon", "1e-6"));
        assertEquals("--schedule halving: the halving schedule halving:10 halves η when the watched metric stops "
                + "improving, and SparkTrainer watches none (no validation data or early stopping); use "
                + "Schedule.step(every, factor) or Schedule.exponential(gamma)", refusal("--schedule", "halving"));
        assertEquals("--schedule step:x: the schedules are constant, step:K:F (η × F every K epochs) and exponential:G "
                + "(η × G each epoch)", refusal("--schedule", "step:x"));
        assertEquals("--warmup -1: warm-up epochs must be at least 0, got -1", refusal("--warmup", "-1"));
    }
}
