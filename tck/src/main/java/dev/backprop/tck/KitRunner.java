package dev.backprop.tck;

import dev.backprop.spi.EngineProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs rules against one provider and collects a {@link RuleResult} for each; used by the JUnit base and the CLI. */
public final class KitRunner {
    private final EngineProvider provider;
    private final Map<String, String> unsupported;

    /**
     * @param unsupported rule id → reason, for rules the engine declares it does not support;
     *     those are reported as SKIP with the reason
     */
    public KitRunner(EngineProvider provider, Map<String, String> unsupported) {
        this.provider = provider;
        this.unsupported = Map.copyOf(unsupported);
    }

    public List<RuleResult> runAll() {
        List<RuleResult> results = new ArrayList<>();
        for (Rule rule : RuleBook.all()) {
            results.add(run(rule));
        }
        return results;
    }

    /** Runs one rule; never throws for a broken engine, the result says what happened. */
    public RuleResult run(Rule rule) {
        long start = System.nanoTime();
        String reason = unsupported.get(rule.id());
        if (reason != null) {
            return new RuleResult(rule, RuleResult.Status.SKIP, "declared unsupported by the engine: " + reason, 0, 0, 0);
        }
        try (Context ctx = new Context(provider, rule)) {
            try {
                rule.check().run(ctx);
                return new RuleResult(rule, RuleResult.Status.PASS, "", ctx.maxAbsoluteError(), ctx.maxToleranceUsed(),
                        seconds(start));
            } catch (RuleSkipped skipped) {
                return new RuleResult(rule, RuleResult.Status.SKIP, skipped.getMessage(), 0, 0, seconds(start));
            } catch (ConformanceFailure failure) {
                return new RuleResult(rule, RuleResult.Status.FAIL, failure.getMessage(), ctx.maxAbsoluteError(),
                        ctx.maxToleranceUsed(), seconds(start));
            } catch (Exception | Error e) {
                String message = "engine " + provider.name() + ", rule " + rule.id() + " (" + rule.equation() + "): threw "
                        + e + ". If this fails, check " + rule.hint();
                return new RuleResult(rule, RuleResult.Status.FAIL, message, ctx.maxAbsoluteError(), ctx.maxToleranceUsed(),
                        seconds(start));
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
