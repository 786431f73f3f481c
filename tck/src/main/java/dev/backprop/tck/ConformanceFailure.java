package dev.backprop.tck;

/**
 * A rule of the kit was broken. An {@link AssertionError}, so JUnit reports it as a failure; the
 * message names the engine, the rule, the equation, the array, the index, expected and actual
 * values and the tolerance, and ends with what to check.
 */
public final class ConformanceFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    public ConformanceFailure(String message) {
        super(message);
    }

    public ConformanceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
