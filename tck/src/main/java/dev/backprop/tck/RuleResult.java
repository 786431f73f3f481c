package dev.backprop.tck;

/**
 * The outcome of one rule on one engine.
 *
 * @param rule the rule
 * @param status PASS, FAIL or SKIP
 * @param message the failure or the reason for the skip; empty on a pass
 * @param maxAbsoluteError the largest |actual − expected| among compared values (0 if none)
 * @param maxToleranceUsed the largest |actual − expected| / tolerance (below 1 on a pass)
 * @param seconds how long the rule took
 */
public record RuleResult(Rule rule, Status status, String message, double maxAbsoluteError, double maxToleranceUsed,
                         double seconds) {

    public enum Status { PASS, FAIL, SKIP }
}
