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
            "weightGradient", "update");

    private EngineSection() {
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
            MarkdownTable t = new MarkdownTable(header).right(2, 3, 4, 5, 6, 7, 8);
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
                        if (op.equals("feedforward") || op.equals("backpropagate") || op.equals("weightGradient")) {
                            double gflops = Flops.product(key[1], Integer.parseInt(key[2])) / r.secondsPerOp() / 1e9;
                            cell += " (" + Fmt.sig(gflops) + " GF/s)";
                        }
                    }
                    row[3 + i] = cell;
                }
                t.row(row);
            }
            s.append("## Each SPI operation\n\nJMH `OperationBenchmark`: one `Engine` call on one layer (fan-in × width) "
                    + "and m examples, average time per call; for the three matrix products also GFLOP/s.\n\n")
                    .append(t.markdown()).append('\n');
        }

        List<JmhResult> alloc = in.jmh("AllocationBenchmark.step");
        if (!alloc.isEmpty()) {
            MarkdownTable t = new MarkdownTable("engine", "network", "m", "bytes per step", "µs per step").right(2, 3, 4);
            for (JmhResult r : alloc) {
                Double bytes = r.secondary().get("gc.alloc.rate.norm");
                t.row(r.param("engine"), Fmt.shape(r.param("shape")), r.param("batch"),
                        bytes == null ? "–" : Fmt.sig(bytes), Fmt.sig(r.secondsPerOp() * 1e6));
            }
            s.append("## Allocation per training step\n\nJMH `AllocationBenchmark` with `-prof gc`: one SGD step "
                    + "(mini-batch in, feedforward, BP1–BP4, update); bytes per step from the JVM's per-thread allocation "
                    + "counter. The smallest Java object takes 16 bytes, so an average below that means the steps themselves "
                    + "allocate nothing; what remains is JMH's own bookkeeping spread over the calls.\n\n")
                    .append(t.markdown()).append('\n');
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
