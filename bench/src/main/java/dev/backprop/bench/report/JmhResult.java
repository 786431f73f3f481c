package dev.backprop.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a JMH JSON result file.
 *
 * @param benchmark "GradientBenchmark.gradient": class and method, without the package
 * @param mode      "avgt", "thrpt", "ss"
 * @param params    the {@code @Param} values of the run
 * @param score     the primary metric
 * @param error     its 99.9 % half-width, NaN when JMH had too few samples to say
 * @param unit      "us/op", "ops/s", …
 * @param secondary secondary metrics by name (e.g. "gc.alloc.rate.norm" in B/op)
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, double score, double error, String unit,
                        Map<String, Double> secondary) {

    @SuppressWarnings("unchecked")
    public static List<JmhResult> read(Path file) throws IOException {
        List<JmhResult> results = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return results;
        }
        Object parsed;
        try {
            parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        for (Object o : (List<Object>) parsed) {
            Map<String, Object> entry = (Map<String, Object>) o;
            String name = (String) entry.get("benchmark");
            String[] parts = name.split("\\.");
            String shortName = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : name;
            Map<String, String> params = new LinkedHashMap<>();
            Object p = entry.get("params");
            if (p instanceof Map<?, ?> map) {
                map.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
            }
            Map<String, Object> primary = (Map<String, Object>) entry.get("primaryMetric");
            Map<String, Double> secondary = new LinkedHashMap<>();
            Object s = entry.get("secondaryMetrics");
            if (s instanceof Map<?, ?> map) {
                map.forEach((k, v) -> secondary.put((String) k, Json.number(((Map<String, Object>) v).get("score"))));
            }
            results.add(new JmhResult(shortName, (String) entry.get("mode"), params, Json.number(primary.get("score")),
                    Json.number(primary.get("scoreError")), (String) primary.get("scoreUnit"), secondary));
        }
        return results;
    }

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** Seconds per operation for a time mode ("us/op" and friends), else NaN. */
    public double secondsPerOp() {
        double scale = switch (unit) {
            case "s/op" -> 1;
            case "ms/op" -> 1e-3;
            case "us/op" -> 1e-6;
            case "ns/op" -> 1e-9;
            default -> Double.NaN;
        };
        return score * scale;
    }

    /** Operations per second for a throughput mode ("ops/s", "ops/ms", …), else NaN. */
    public double opsPerSecond() {
        double scale = switch (unit) {
            case "ops/s" -> 1;
            case "ops/ms" -> 1e3;
            case "ops/us" -> 1e6;
            case "ops/ns" -> 1e9;
            default -> Double.NaN;
        };
        return score * scale;
    }

    /** The error relative to the score, e.g. 0.05 for ± 5 %; NaN when unknown. */
    public double relativeError() {
        return error / score;
    }
}
