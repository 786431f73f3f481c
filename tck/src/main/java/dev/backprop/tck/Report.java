package dev.backprop.tck;

import java.util.List;
import java.util.Locale;

/** Renders results as console lines, Markdown or JSON. */
final class Report {
    private Report() {
    }

    /** "PASS  rule  (equation)  max |error| …  largest share of tolerance …  0.12 s", and the message for FAIL and SKIP. */
    static String line(RuleResult r) {
        String head = String.format(Locale.ROOT,
                "%-4s %-58s %-19s max |error| %.3g, largest share of tolerance %5.1f %%, %.2f s",
                r.status(), r.ruleId(), "(" + r.equation() + ")", r.maxAbsoluteError(), 100 * r.maxToleranceUsed(),
                r.seconds());
        return r.message().isEmpty() ? head : head + System.lineSeparator() + "     " + r.message();
    }

    static String markdown(String engine, String detail, List<RuleResult> results) {
        StringBuilder s = new StringBuilder("# backprop TCK report: engine `").append(engine).append("`\n\n")
                .append(detail).append("\n\n")
                .append("| result | rule | equation | max abs error | largest share of tolerance | where | seconds |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (RuleResult r : results) {
            s.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %.3g | %.1f %% | %s | %.2f |%n", r.status(), r.ruleId(),
                    r.equation(), r.maxAbsoluteError(), 100 * r.maxToleranceUsed(), r.largestShareAt().replace("|", "\\|"),
                    r.seconds()));
        }
        for (RuleResult r : results) {
            if (!r.message().isEmpty()) {
                s.append("\n**").append(r.status()).append(" `").append(r.ruleId()).append("`**: ")
                        .append(r.message().replace("|", "\\|")).append('\n');
            }
        }
        return s.append('\n').append(summary(results)).append('\n').toString();
    }

    static String json(String engine, List<RuleResult> results) {
        StringBuilder s = new StringBuilder("{\n  \"engine\": ").append(quote(engine)).append(",\n  \"rules\": [\n");
        for (int i = 0; i < results.size(); i++) {
            RuleResult r = results.get(i);
            s.append(String.format(Locale.ROOT,
                    "    {\"id\": %s, \"equation\": %s, \"status\": \"%s\", \"maxAbsoluteError\": %s, "
                            + "\"maxToleranceUsed\": %s, \"largestShareAt\": %s, \"seconds\": %.3f, \"message\": %s}%s%n",
                    quote(r.ruleId()), quote(r.equation()), r.status(), number(r.maxAbsoluteError()),
                    number(r.maxToleranceUsed()), quote(r.largestShareAt()), r.seconds(), quote(r.message()),
                    i + 1 < results.size() ? "," : ""));
        }
        return s.append("  ]\n}\n").toString();
    }

    /** "rules: 32 passed, 0 failed, 0 skipped". */
    static String summary(List<RuleResult> results) {
        long pass = results.stream().filter(r -> r.status() == RuleResult.Status.PASS).count();
        long fail = results.stream().filter(r -> r.status() == RuleResult.Status.FAIL).count();
        long skip = results.stream().filter(r -> r.status() == RuleResult.Status.SKIP).count();
        return "rules: " + pass + " passed, " + fail + " failed, " + skip + " skipped";
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    private static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
