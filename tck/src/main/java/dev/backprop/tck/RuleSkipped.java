package dev.backprop.tck;

/** A rule does not apply to this engine, for the reason given; reported as SKIP, never as a pass. */
final class RuleSkipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RuleSkipped(String reason) {
        super(reason);
    }
}
