package dev.backprop.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The line protocol that bench/peers/paired.py speaks with the Java side. */
class PairedGradientTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void saysReadyWithTheStepsFlopsThenAnswersEachRun() throws Exception {
        // [4, 3, 2], m = 5: layer 1 needs Eq. 25 and BP4 (2·5·4·3 = 120 flop each), layer 2 also BP2
        // (3 × 2·5·3·2 = 180): 420 flop a step.
        PairedGradient.serve("ref", "4x3x2", 5, 0.01, new BufferedReader(new StringReader("run 0.01\nrun 0.02\n")), out);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, bytes.toString(StandardCharsets.UTF_8));
        assertEquals("ready 420", lines[0]);
        for (int i = 1; i < 3; i++) {
            String[] words = lines[i].split(" ");
            assertEquals(2, words.length, lines[i]);
            assertTrue(Long.parseLong(words[0]) > 0, lines[i]);
            assertTrue(Long.parseLong(words[1]) >= 1, lines[i]);
        }
    }

    @Test
    void refusesALineThatIsNotARunRequest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairedGradient.serve("ref", "4x3x2",
                5, 0.0, new BufferedReader(new StringReader("go\n")), out));
        assertTrue(e.getMessage().contains("expected 'run <seconds>', got 'go'"), e.getMessage());
    }
}
