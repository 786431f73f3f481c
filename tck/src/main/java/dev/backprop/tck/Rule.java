package dev.backprop.tck;

/**
 * One rule of the kit.
 *
 * @param id the name a failure and the report use, e.g. {@code required_bp2_errorBackwardsMatchesOracle}
 * @param equation the equation or contract it checks: "Eq. 25", "BP1" … "BP4", "SGD", "contract"
 * @param description what an engine must do
 * @param hint what to check in the engine when the rule fails and the case gives no better hint
 * @param check the check itself
 */
record Rule(String id, String equation, String description, String hint, Check check) {

    /** The body of a rule: throws {@link ConformanceFailure} on a violation, {@link RuleSkipped} when it does not apply. */
    @FunctionalInterface
    interface Check {
        void run(Context context) throws Exception;
    }
}
