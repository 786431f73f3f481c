package dev.backprop.bench.report;

import dev.backprop.bench.EngineNames;

import dev.backprop.bench.svg.LineChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient throughput of the Java engines (JMH GradientBenchmark) and the Python peers at the
 * same shapes and batch sizes, relative to ref and to the machine's FMA peak; the peak itself;
 * and one log–log chart per shape measured at several batch sizes.
 */
final class ThroughputSection {
    /** A measured point: shape and batch. */
    private record Point(String shape, int batch) {
        String label() {
            return Fmt.shape(shape) + " m=" + batch;
        }
    }

    private ThroughputSection() {
    }

    static String markdown(Inputs in, Path dir, String prefix, String subtitle) throws IOException {
        Map<String, Map<Point, Double>> rates = rates(in);
        if (rates.isEmpty()) {
            return "";
        }
        List<Point> points = new ArrayList<>();
        rates.values().forEach(m -> m.keySet().forEach(p -> {
            if (!points.contains(p)) {
                points.add(p);
            }
        }));
        points.sort(Comparator.comparingDouble((Point p) -> Flops.gradient(p.shape(), 1)).thenComparingInt(Point::batch));
        double peak = peak(in, "PeakBenchmark.fmaPeak");

        String[] header = new String[points.size() + 1];
        header[0] = "implementation";
        for (int i = 0; i < points.size(); i++) {
            header[i + 1] = points.get(i).label();
        }
        MarkdownTable examples = new MarkdownTable(header);
        MarkdownTable flops = new MarkdownTable(header);
        int[] numeric = new int[points.size()];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = i + 1;
        }
        examples.right(numeric);
        flops.right(numeric);
        Map<Point, Double> ref = rates.get(EngineNames.REF);
        for (Map.Entry<String, Map<Point, Double>> row : rates.entrySet()) {
            String[] e = new String[points.size() + 1];
            String[] f = new String[points.size() + 1];
            e[0] = row.getKey();
            f[0] = row.getKey();
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                Double rate = row.getValue().get(p);
                if (rate == null) {
                    e[i + 1] = "";
                    f[i + 1] = "";
                    continue;
                }
                Double base = ref == null ? null : ref.get(p);
                e[i + 1] = Fmt.rate(rate) + (base == null ? "" : " (" + Fmt.times(rate / base) + ")");
                double gflops = Flops.gradient(p.shape(), p.batch()) / p.batch() * rate / 1e9;
                f[i + 1] = Fmt.sig(gflops) + (Double.isFinite(peak) ? " (" + Fmt.percent(gflops * 1e9 / peak) + ")" : "");
            }
            examples.row(e);
            flops.row(f);
        }

        StringBuilder s = new StringBuilder("## Gradient throughput\n\n");
        s.append("One feedforward and BP1–BP4 over a mini-batch of m examples, no update: the Java engines through "
                + "`Backpropagation` (JMH `GradientBenchmark`, average time per mini-batch turned into examples/s), the "
                + "peers with the same shapes in the same run (`bench/peers/peer.py`, median of three timed rounds). "
                + "In brackets: the ratio to `ref` at the same point, measured minutes apart on the same machine.\n\n");
        s.append("Examples per second (× ref):\n\n").append(examples.markdown()).append('\n');
        s.append("GFLOP/s of the three matrix products per layer (feedforward, BP2, BP4; element-wise work not counted)")
                .append(Double.isFinite(peak) ? ", and in brackets the share of the measured single-core FMA peak ("
                        + Fmt.sig(peak / 1e9) + " GFLOP/s, below; a multi-threaded peer can pass 100 %)" : "").append(":\n\n").append(flops.markdown()).append('\n');
        for (String shape : shapesWithSeveralBatches(points)) {
            String file = "throughput-" + shape + ".svg";
            Files.writeString(dir.resolve(file), chart(rates, in.engines(), shape, subtitle), StandardCharsets.UTF_8);
            s.append("![gradient throughput, ").append(Fmt.shape(shape)).append("](").append(prefix).append(file).append(")\n\n");
        }
        s.append(peakMarkdown(in));
        return s.toString();
    }

    /** Examples/s by implementation (Java engines first, then peers) and point. */
    private static Map<String, Map<Point, Double>> rates(Inputs in) {
        Map<String, Map<Point, Double>> rates = new LinkedHashMap<>();
        for (JmhResult r : in.jmh("GradientBenchmark.gradient")) {
            int batch = Integer.parseInt(r.param("batch"));
            rates.computeIfAbsent(r.param("engine"), k -> new LinkedHashMap<>())
                    .put(new Point(r.param("shape"), batch), batch / r.secondsPerOp());
        }
        for (Map<String, String> row : in.peerThroughput()) {
            if ("gradient".equals(row.get("benchmark"))) {
                rates.computeIfAbsent(row.get("engine"), k -> new LinkedHashMap<>())
                        .put(new Point(row.get("shape"), Integer.parseInt(row.get("batch"))), Double.parseDouble(row.get("score")));
            }
        }
        return rates;
    }

    private static List<String> shapesWithSeveralBatches(List<Point> points) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (Point p : points) {
            count.merge(p.shape(), 1, Integer::sum);
        }
        return count.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    private static String chart(Map<String, Map<Point, Double>> rates, List<String> engines, String shape, String subtitle) {
        LineChart chart = new LineChart("Gradient throughput, " + Fmt.shape(shape) + " (Java engines bold)", "mini-batch size m",
                "examples per second")
                .subtitle(subtitle).logX().logY();
        List<Double> batches = new ArrayList<>();
        for (Map.Entry<String, Map<Point, Double>> e : rates.entrySet()) {
            List<Point> mine = e.getValue().keySet().stream().filter(p -> p.shape().equals(shape))
                    .sorted(Comparator.comparingInt(Point::batch)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            double[] x = new double[mine.size()];
            double[] y = new double[mine.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = mine.get(i).batch();
                y[i] = e.getValue().get(mine.get(i));
                if (!batches.contains(x[i])) {
                    batches.add(x[i]);
                }
            }
            chart.series(e.getKey(), x, y, engines.contains(e.getKey()));
        }
        return chart.xTicks(batches.stream().mapToDouble(Double::doubleValue).toArray()).render();
    }

    static double peak(Inputs in, String benchmark) {
        List<JmhResult> r = in.jmh(benchmark);
        return r.isEmpty() ? Double.NaN : r.get(0).opsPerSecond();
    }

    private static String peakMarkdown(Inputs in) {
        MarkdownTable t = new MarkdownTable("what", "GFLOP/s", "how").right(1);
        for (JmhResult r : in.jmh()) {
            String how = switch (r.benchmark()) {
                case "PeakBenchmark.fmaPeak" -> "Java, 1 thread: 12 independent FloatVector FMA chains on registers";
                case "PeakBenchmark.fmaPeakAllCores" -> "Java, the same on every hardware thread at once (scores add up)";
                case "PeakBenchmark.sgemm" -> "Java, 1 thread: register-blocked FloatVector sgemm, 32×64×64 (L1-resident)";
                default -> null;
            };
            if (how == null) {
                continue;
            }
            t.row(r.benchmark().substring("PeakBenchmark.".length()), Fmt.sig(r.opsPerSecond() / 1e9) + Fmt.error(r.relativeError()), how);
        }
        for (Map<String, String> row : in.peerThroughput()) {
            if ("sgemm".equals(row.get("benchmark"))) {
                t.row("sgemm " + row.get("shape"), Fmt.sig(Double.parseDouble(row.get("score"))),
                        row.get("engine") + ": " + (row.get("engine").startsWith("torch") ? "torch.mm" : "numpy float32 @"));
            }
        }
        if (t.isEmpty()) {
            return "";
        }
        return "### The machine's peak\n\nThe yardstick for the percentages above (JMH `PeakBenchmark`, and each peer's "
                + "own matrix product for comparison):\n\n" + t.markdown() + '\n';
    }
}
