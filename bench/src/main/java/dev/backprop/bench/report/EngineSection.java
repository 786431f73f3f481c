package dev.backprop.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inside an engine: the time of each SPI operation, the bytes a training step allocates, and
 * what opening an engine costs.
 */
final class EngineSection {
    private static final List<String> OPERATIONS = List.of("feedforward", "outputError", "backpropagate", "biasGradient",
            "weightGradient", "update", "weightGradientAndUpdate");

    private EngineSection() {
    }

    /** What the JMH harness allocates per second on its own, from AllocationBenchmark.baseline; NaN without it. */
    private static double harnessBytesPerSecond(Inputs in) {
        for (JmhResult r : in.jmh("AllocationBenchmark.baseline")) {
            Double bytes = r.secondary().get("gc.alloc.rate.norm");
            if (bytes != null) {
                return bytes / r.secondsPerOp();
            }
        }
        return Double.NaN;
    }

    static String markdown(Inputs in) {
        StringBuilder s = new StringBuilder();
        Map<String, Map<String, JmhResult>> ops = new LinkedHashMap<>();
        for (JmhResult r : in.jmh()) {
            if (r.benchmark().startsWith("OperationBenchmark.")) {
                String key = r.param("engine") + "\u0000" + r.param("layer") + "\u0000" + r.param("batch");
                ops.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(r.benchmark().substring(19), r);
            }
        }
        if (!ops.isEmpty()) {
            String[] header = new String[3 + OPERATIONS.size()];
            header[0] = "engine";
            header[1] = "layer in×out";
            header[2] = "m";
            for (int i = 0; i < OPERATIONS.size(); i++) {
                header[3 + i] = OPERATIONS.get(i) + " µs";
            }
            MarkdownTable t = new MarkdownTable(header).right(2, 3, 4, 5, 6, 7, 8, 9);
            for (Map.Entry<String, Map<String, JmhResult>> e : ops.entrySet()) {
                String[] key = e.getKey().split("\u0000");
                String[] row = new String[header.length];
                row[0] = key[0];
                row[1] = key[1];
                row[2] = key[2];
                for (int i = 0; i < OPERATIONS.size(); i++) {
                    JmhResult r = e.getValue().get(OPERATIONS.get(i));
                    String cell = "";
                    if (r != null) {
                        cell = Fmt.sig(r.secondsPerOp() * 1e6);
                        String op = OPERATIONS.get(i);
                        if (op.equals("feedforward") || op.equals("backpropagate") || op.startsWith("weightGradient")) {
                            double gflops = Flops.product(key[1], Integer.parseInt(key[2])) / r.secondsPerOp() / 1e9;
                            cell += " (" + Fmt.sig(gflops) + " GF/s)";
                        }
                    }
                    row[3 + i] = cell;
                }
                t.row(row);
            }
            s.append("## Each SPI operation\n\nJMH `OperationBenchmark`: one `Engine` call on one layer (fan-in × width) "
                    + "and m examples, average time per call; for the three matrix products also GFLOP/s (BP4's product "
                    + "counted for weightGradientAndUpdate, BP4 fused with the update that Trainer takes).\n\n")
                    .append(t.markdown()).append('\n');
        }

        List<JmhResult> alloc = in.jmh("AllocationBenchmark.step");
        if (!alloc.isEmpty()) {
            double harness = harnessBytesPerSecond(in);
            MarkdownTable t = new MarkdownTable("engine", "network", "m", "µs per step", "B/op (JMH)", "B/step beyond the harness")
                    .right(2, 3, 4, 5);
            for (JmhResult r : alloc) {
                Double bytes = r.secondary().get("gc.alloc.rate.norm");
                String beyond = "–";
                if (bytes != null && Double.isFinite(harness)) {
                    double own = bytes - harness * r.secondsPerOp();
                    // Less than the smallest object (16 bytes) per step is measuring noise, not an allocation.
                    beyond = own < 16 ? "≈ 0" : Fmt.sig(own);
                }
                t.row(r.param("engine"), Fmt.shape(r.param("shape")), r.param("batch"), Fmt.sig(r.secondsPerOp() * 1e6),
                        bytes == null ? "–" : Fmt.sig(bytes), beyond);
            }
            s.append("## Allocation per training step\n\nJMH `AllocationBenchmark` with `-prof gc`: one SGD step "
                    + "(mini-batch in, feedforward, BP1–BP4, update); bytes from the JVM's per-thread allocation counter. "
                    + "JMH's own harness allocates a little every second whatever is measured");
            if (Double.isFinite(harness)) {
                s.append(" (").append(Fmt.sig(harness)).append(" B/s here, from the empty `baseline` benchmark)");
            }
            s.append(", which per step grows with the step's duration; the last column subtracts it. The smallest Java "
                    + "object takes 16 bytes, so below that a step allocates nothing.\n\n").append(t.markdown()).append('\n');
        }

        List<JmhResult> first = in.jmh("EngineOpenBenchmark.firstStep");
        List<JmhResult> warm = in.jmh("EngineOpenBenchmark.openClose");
        if (!first.isEmpty() || !warm.isEmpty()) {
            MarkdownTable t = new MarkdownTable("engine", "first gradient in a fresh JVM", "open + close, warm").right(1, 2);
            Map<String, String[]> rows = new LinkedHashMap<>();
            for (JmhResult r : first) {
                rows.computeIfAbsent(r.param("engine"), k -> new String[] {k, "", ""})[1] =
                        Fmt.sig(r.secondsPerOp() * 1e3) + " ms" + Fmt.error(r.relativeError());
            }
            for (JmhResult r : warm) {
                rows.computeIfAbsent(r.param("engine"), k -> new String[] {k, "", ""})[2] =
                        Fmt.sig(r.secondsPerOp() * 1e6) + " µs";
            }
            rows.values().forEach(t::row);
            s.append("## Engine open\n\nJMH `EngineOpenBenchmark`. First gradient: open the engine, set up [784, 30, 10], "
                    + "one mini-batch of 10 through BP1–BP4, close; one call per fresh JVM (single-shot, several forks), so "
                    + "class loading, native set-up and kernel builds count. Warm: open and close once everything is loaded.\n\n")
                    .append(t.markdown()).append('\n');
        }
        return s.toString();
    }
}
