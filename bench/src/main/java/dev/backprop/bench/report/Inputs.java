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
 * Everything one run of {@code bench/run-all.sh} left in the results directory; each file is
 * optional, and a missing one leaves its section out of RESULTS.md.
 *
 * <ul>
 *   <li>{@code machine.txt}: "key: value" lines from run-all.sh (CPU, cores, JDK, date, load,
 *       mode, and one "command:" line per command it ran);</li>
 *   <li>{@code jmh.json}, {@code jmh.log}: the JMH suite's results and its console output;</li>
 *   <li>{@code reproduce.csv}, {@code reproduce.properties}: {@code backprop reproduce};</li>
 *   <li>{@code peers-epochs.csv}, {@code peers-throughput.csv}, {@code peers-env.txt},
 *       {@code peers.log}: {@code bench/peers/run.sh};</li>
 *   <li>{@code paired.csv}: {@code bench/peers/paired.py}, the engine against numpy's sgemm in
 *       alternating slots.</li>
 * </ul>
 */
public record Inputs(Map<String, List<String>> machine, List<JmhResult> jmh, List<EpochRow> reproduce,
                     Map<String, String> reproduceProperties, List<EpochRow> peerEpochs,
                     List<Map<String, String>> peerThroughput, List<String> peerEnvironment, List<String> skipped,
                     List<Map<String, String>> paired) {

    public static Inputs read(Path dir) throws IOException {
        Map<String, List<String>> machine = keyValues(dir.resolve("machine.txt"));
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : lines(dir.resolve("reproduce.properties"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                properties.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        List<String> skipped = new ArrayList<>();
        for (String line : lines(dir.resolve("jmh.log"))) {
            if (line.startsWith("engine ") && line.contains(": skipped")) {
                skipped.add("JMH: " + line);
            }
        }
        for (String line : lines(dir.resolve("peers.log"))) {
            if (line.startsWith("skipped ")) {
                skipped.add("peers: " + line);
            }
        }
        String reproduceSkips = properties.getOrDefault("skipped", "");
        if (!reproduceSkips.isBlank()) {
            skipped.add("reproduce: " + reproduceSkips);
        }
        List<String> env = new ArrayList<>();
        for (String line : lines(dir.resolve("peers-env.txt"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                env.add(line);
            }
        }
        return new Inputs(machine, JmhResult.read(dir.resolve("jmh.json")), EpochRow.read(dir.resolve("reproduce.csv")),
                properties, EpochRow.read(dir.resolve("peers-epochs.csv")), Csv.read(dir.resolve("peers-throughput.csv")),
                env, skipped, Csv.read(dir.resolve("paired.csv")));
    }

    /** The first value of a machine.txt key, or the fallback. */
    public String machine(String key, String fallback) {
        List<String> values = machine.get(key);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    public List<String> machineAll(String key) {
        return machine.getOrDefault(key, List.of());
    }

    /** The JMH results of one benchmark ("GradientBenchmark.gradient"). */
    public List<JmhResult> jmh(String benchmark) {
        return jmh.stream().filter(r -> r.benchmark().equals(benchmark)).toList();
    }

    /** The Java engines that have JMH results, in the suite's order (ref, simd, opencl). */
    public List<String> engines() {
        List<String> names = new ArrayList<>();
        for (JmhResult r : jmh) {
            String e = r.param("engine");
            if (!e.isEmpty() && !names.contains(e)) {
                names.add(e);
            }
        }
        for (EpochRow r : reproduce) {
            if (!names.contains(r.engine())) {
                names.add(r.engine());
            }
        }
        return names;
    }

    /** A file of "key: value" lines (machine.txt and its kind) by key, each key's values in order; empty if absent. */
    static Map<String, List<String>> keyValues(Path file) throws IOException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : lines(file)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return values;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
