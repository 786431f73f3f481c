package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The --mode option of {@link TrainMnist}; the program itself runs in LoopbackClusterIT, as the README shows it. */
class TrainMnistTest {

    @Test
    void modes() {
        assertEquals(Mode.synchronousGradient(), TrainMnist.mode("sync"));
        assertEquals(Mode.localSteps(50), TrainMnist.mode("local:50"));
        assertEquals("--mode is 'sync' or 'local:K' with K local steps per round, got 'local:x'",
                assertThrows(IllegalArgumentException.class, () -> TrainMnist.mode("local:x")).getMessage());
        assertEquals("local steps per round must be at least 1, got k = 0",
                assertThrows(IllegalArgumentException.class, () -> TrainMnist.mode("local:0")).getMessage());
    }
}
