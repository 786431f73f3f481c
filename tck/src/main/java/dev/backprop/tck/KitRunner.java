package dev.backprop.tck;

import dev.backprop.spi.EngineProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs rules against one provider and collects a {@link RuleResult} for each; used by the JUnit base and the CLI. */
final class KitRunner {
    private final EngineProvider provider;
    private final Map<String, String> unsupported;

    /**
     * @param unsupported rule id → reason, for rules the engine declares it does not support;
     *     those are reported as SKIP with the reason
     * @throws IllegalArgumentException if an id names no rule, so a misspelt declaration does not
     *     quietly leave the rule running
     */
    KitRunner(EngineProvider provider, Map<String, String> unsupported) {
        for (String id : unsupported.keySet()) {
            if (RuleBook.find(id).isEmpty()) {
                throw new IllegalArgumentException("unsupportedRules() names '" + id + "', which is no rule of the kit; "
                        + "the rules are " + RuleBook.ids());
            }
        }
        this.provider = provider;
        this.unsupported = Map.copyOf(unsupported);
    }

    List<RuleResult> runAll() {
        List<RuleResult> results = new ArrayList<>();
        for (Rule rule : RuleBook.all()) {
            results.add(run(rule));
        }
        return results;
    }

    /** Runs one rule; never throws for a broken engine, the result says what happened. */
    RuleResult run(Rule rule) {
        long start = System.nanoTime();
        String reason = unsupported.get(rule.id());
        if (reason != null) {
            return result(rule, RuleResult.Status.SKIP, "declared unsupported by the engine: " + reason, null, start, null);
        }
        try (Context ctx = new Context(provider, rule)) {
            try {
                rule.check().run(ctx);
                return result(rule, RuleResult.Status.PASS, "", ctx, start, null);
            } catch (RuleSkipped skipped) {
                return result(rule, RuleResult.Status.SKIP, skipped.getMessage(), null, start, null);
            } catch (ConformanceFailure failure) {
                return result(rule, RuleResult.Status.FAIL, failure.getMessage(), ctx, start, null);
            } catch (Exception | Error e) {
                // The case the rule was at is the only clue to where the engine broke.
                String message = ctx.prefix() + ", " + ctx.where() + ": threw " + e + thrownAt(e) + ". If this fails, check "
                        + ctx.hint();
                return result(rule, RuleResult.Status.FAIL, message, ctx, start, e);
            }
        }
    }

    private static RuleResult result(Rule rule, RuleResult.Status status, String message, Context ctx, long start,
                                     Throwable thrown) {
        double seconds = (System.nanoTime() - start) / 1e9;
        return new RuleResult(rule.id(), rule.equation(), status, message, ctx == null ? 0 : ctx.maxAbsoluteError(),
                ctx == null ? 0 : ctx.maxToleranceUsed(), ctx == null ? "" : ctx.largestShareAt(), seconds, thrown);
    }

    /** " at Class.method(File.java:12)": the first frame outside the kit, where the engine threw. */
    private static String thrownAt(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (!frame.getClassName().startsWith(KitRunner.class.getPackageName() + ".")) {
                return " at " + frame;
            }
        }
        return "";
    }
}
