package dev.backprop.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The large-layer yardstick of the SIMD issue, measured in alternating slots by
 * {@code bench/peers/paired.py}: the engine's gradient GFLOP/s against numpy's 1024³ float32
 * product in the same minute. One row per configuration (engine, network, batch, extra JVM
 * flags, OpenBLAS kernel and whether it was named or chosen): the medians of both sides and the
 * median of the per-pair ratios, with its quartiles. Files written before the kernel was recorded
 * show it as "not recorded".
 */
final class PairedSection {
    private PairedSection() {
    }

    static String markdown(Inputs in) {
        Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (Map<String, String> row : in.paired()) {
            if (row.getOrDefault("yardstick", "sgemm").equals("gradient")) {
                continue;
            }
            String key = row.get("engine") + "|" + row.get("shape") + "|" + row.get("batch") + "|" + row.get("jvm")
                    + "|" + kernel(row);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        if (groups.isEmpty()) {
            return "";
        }
        MarkdownTable table = new MarkdownTable("engine", "network", "m", "extra JVM flags", "OpenBLAS kernel", "pairs",
                "numpy sgemm GFLOP/s", "engine GFLOP/s", "engine / sgemm (quartiles)").right(2, 5, 6, 7, 8);
        for (List<Map<String, String>> rows : groups.values()) {
            Map<String, String> first = rows.get(0);
            table.row(row(rows, first.get("jvm").equals("-") ? "none" : "`" + first.get("jvm") + "`"));
        }
        return "## Large layers against the machine's own sgemm, paired\n\n"
                + "`bench/peers/paired.py` alternates slots of a second or two: numpy's float32 1024 × 1024 × 1024 "
                + "product on every core (OpenBLAS, the `pip` peer's), then the engine's gradient steps (as in "
                + "`GradientBenchmark`), or the other way round. Each slot gives its median time per call and each pair "
                + "a ratio. Two numbers taken minutes apart do not make a ratio on this machine (its two vCPUs drift by "
                + "a factor of two within minutes); two taken in the same few seconds do. Engine GFLOP/s counts the "
                + "products only, as the tables above; the issue's target is a ratio of at least 0.80 against the "
                + "machine's best product. OpenBLAS chooses its kernel from the CPU model and falls back to an older "
                + "one on a model it does not know, so `run-all.sh` also names its AVX-512 kernel (`SkylakeX`) where "
                + "the CPU has AVX-512; the faster kernel is the yardstick.\n\n"
                + table.markdown() + "\n";
    }

    /**
     * The narrow network against numpy's own gradient of the same network and batch
     * ({@code paired.py --yardstick gradient}, {@code paired-gradient.csv}): one row per number
     * of numpy's BLAS threads.
     */
    static String gradientMarkdown(List<Map<String, String>> rows, String when) {
        Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            String key = row.get("engine") + "|" + row.get("shape") + "|" + row.get("batch") + "|"
                    + row.getOrDefault("blas_threads", "?") + "|" + kernel(row);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        if (groups.isEmpty()) {
            return "";
        }
        MarkdownTable table = new MarkdownTable("engine", "network", "m", "numpy's BLAS threads", "OpenBLAS kernel", "pairs",
                "numpy GFLOP/s", "engine GFLOP/s", "engine / numpy (quartiles)").right(2, 3, 5, 6, 7, 8);
        for (List<Map<String, String>> group : groups.values()) {
            table.row(row(group, group.get(0).getOrDefault("blas_threads", "?")));
        }
        return "## A narrow network against numpy's own gradient, paired\n\n"
                + "`bench/peers/paired.py --yardstick gradient`: the engine's gradient steps (all of the engine's threads) "
                + "and numpy's gradient of the same network and batch (`batch.py`, float32, with the BLAS threads shown) "
                + "take turns in slots of a second, as above. Both sides count the same floating-point operations, so the "
                + "ratio is a ratio of speeds: above 1 the engine is faster."
                + (when == null ? "" : " These pairs come from a run of their own, " + when + ".") + "\n\n"
                + table.markdown() + "\n";
    }

    /** A table row for one group of pairs: what was run, {@code setting}, the kernel, then medians and the ratio's quartiles. */
    private static String[] row(List<Map<String, String>> rows, String setting) {
        Map<String, String> first = rows.get(0);
        double[] ratios = column(rows, "ratio");
        return new String[] {first.get("engine"), Fmt.shape(first.get("shape")), first.get("batch"), setting, kernel(first),
            Integer.toString(rows.size()), Fmt.sig(Quantile.of(column(rows, "sgemm_gflops"), 0.5)),
            Fmt.sig(Quantile.of(column(rows, "engine_gflops"), 0.5)),
            String.format("%.2f (%.2f–%.2f)", Quantile.of(ratios, 0.5), Quantile.of(ratios, 0.25), Quantile.of(ratios, 0.75))};
    }

    private static String kernel(Map<String, String> row) {
        String kernel = row.getOrDefault("blas_kernel", "not recorded");
        String named = row.getOrDefault("blas_named", "-");
        return named.equals("-") ? kernel + " (OpenBLAS's choice)" : kernel + " (named)";
    }

    private static double[] column(List<Map<String, String>> rows, String name) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(name))).sorted().toArray();
    }
}
