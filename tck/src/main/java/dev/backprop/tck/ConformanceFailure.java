package dev.backprop.tck;

/**
 * A rule of the kit was broken. An {@link AssertionError}, so JUnit reports it as a failure; the
 * message names the engine, the rule, the equation, the array, the index, expected and actual
 * values and the tolerance, and ends with what to check.
 */
public final class ConformanceFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    /**
     * A broken rule.
     *
     * @param message what differed and where; the kit's own messages name the engine, the rule,
     *     the equation and the case, and end with "If this fails, check …"
     */
    public ConformanceFailure(String message) {
        super(message);
    }

    /**
     * A broken rule whose failure the engine threw.
     *
     * @param message as {@link #ConformanceFailure(String)}
     * @param cause what the engine threw, kept for its stack trace; may be null
     */
    public ConformanceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
