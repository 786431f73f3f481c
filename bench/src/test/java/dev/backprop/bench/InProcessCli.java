package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The command line run in-process, as the tests drive it: {@link Main} with stdout and stderr
 * captured and no progress bars. Each {@link #run} starts from empty streams, so {@link #out()}
 * and {@link #err()} hold what that one command printed.
 */
final class InProcessCli {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs {@code backprop args…} and returns its exit code ({@link Main#OK}, {@link Main#USAGE}, {@link Main#FAILED}). */
    int run(String... args) {
        out.reset();
        err.reset();
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(args);
    }

    /** What the last run printed on stdout. */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the last run printed on stderr. */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * Asserts that the last run's stderr is what a refusal must be: one printable line, no stack
     * trace, containing every one of {@code words}.
     */
    void assertOneLine(String... words) {
        String text = err().strip();
        assertFalse(text.isEmpty(), "nothing on stderr");
        assertFalse(text.contains("\n"), "more than one line: " + text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), "a stack trace: " + text);
        assertTrue(text.chars().allMatch(c -> c >= 0x20 && c != 0x7f), "control characters: " + text);
        for (String word : words) {
            assertTrue(text.contains(word), "'" + word + "' missing in: " + text);
        }
    }
}
