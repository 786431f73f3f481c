package dev.backprop.tck;

/**
 * The outcome of one rule on one engine, as the report and {@link TckMain#runRules} give it.
 *
 * <pre>{@code
 * for (RuleResult r : TckMain.runRules(new MyEngineProvider(), Map.of(), TckMain.ruleIds())) {
 *     System.out.println(r.ruleId() + " " + r.status() + " " + r.maxToleranceUsed());
 * }
 * }</pre>
 *
 * @param ruleId the rule's name, e.g. {@code required_bp2_errorBackwardsMatchesOracle}
 * @param equation the equation or contract it checks: "Eq. 25", "BP1" … "BP4", "SGD", "contract"
 * @param status PASS, FAIL or SKIP
 * @param message the failure or the reason for the skip; empty on a pass
 * @param maxAbsoluteError the largest |actual − expected| among compared values (0 if none)
 * @param maxToleranceUsed the largest share of its tolerance any compared value used,
 *     |actual − expected| / tolerance (below 1 on a pass; 0 for rules that compare bits)
 * @param largestShareAt where that largest share was seen (the case, the array and the index);
 *     empty when nothing was compared with a tolerance
 * @param seconds how long the rule took
 * @param thrown what the engine threw when that failed the rule; null otherwise
 */
public record RuleResult(String ruleId, String equation, Status status, String message, double maxAbsoluteError,
                         double maxToleranceUsed, String largestShareAt, double seconds, Throwable thrown) {

    /** PASS: the engine kept the rule; FAIL: it broke it; SKIP: the rule did not apply (the message says why). */
    public enum Status {
        /** The engine kept the rule. */
        PASS,
        /** The engine broke the rule, or threw while it ran; the message says where and what to check. */
        FAIL,
        /** The rule did not run: the engine declared it unsupported, or it does not apply; the message says why. */
        SKIP
    }
}
