package dev.backprop.bench.jmh;

import dev.backprop.bench.EngineNames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole JMH suite as one command, with the engines that are available here:
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *      -cp bench/target/benchmarks.jar dev.backprop.bench.jmh.Suite --quick --json jmh.json
 * </pre>
 * (or {@code bench/jmh.sh --quick}). Options:
 * <ul>
 *   <li>{@code --quick}: 1 fork, 1 warm-up × 1 s, 2 measurements × 1 s, a subset of the
 *       parameters; about a minute per engine. {@code --full} (the default): the annotations'
 *       settings and every shape and batch of interest.</li>
 *   <li>{@code --engines ref,simd,opencl}: the engines to measure (default all three); one that is
 *       not on the class path or unavailable is skipped with its reason.</li>
 *   <li>{@code --only REGEX}: only the plans whose benchmark name matches.</li>
 *   <li>{@code --json FILE}: where the merged JMH JSON goes (default {@code jmh.json}).</li>
 *   <li>{@code --dry-run}: print the plan and the engines, run nothing.</li>
 *   <li>after {@code --}: any JMH option ({@code -f 3}, {@code -prof perfasm}, …); given ones
 *       win over the quick settings. A {@code -jvmArgsAppend} is added after the engine flags
 *       instead of replacing them (JMH itself would replace them: docs/toolchain.md).</li>
 * </ul>
 * Start this launcher with the same two flags as the forks: it asks the engines whether they are
 * available, and without {@code --add-modules} the SIMD engine would say no here although it
 * would work in the fork.
 */
public final class Suite {
    static final List<String> ENGINES = EngineNames.ALL;

    private Suite() {
    }

    public static void main(String[] args) throws IOException, RunnerException, CommandLineOptionException {
        boolean quick = false;
        boolean dryRun = false;
        List<String> engines = ENGINES;
        Pattern only = null;
        Path json = Path.of("jmh.json");
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--full" -> quick = false;
                case "--dry-run" -> dryRun = true;
                case "--engines" -> engines = List.of(value(args, ++i, "--engines").split(","));
                case "--only" -> only = Pattern.compile(value(args, ++i, "--only"));
                case "--json" -> json = Path.of(value(args, ++i, "--json"));
                case "--" -> {
                    jmhArgs.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> {
                    System.err.println("Suite: unknown option '" + args[i] + "'; use --quick|--full, --engines a,b, --only REGEX, "
                            + "--json FILE, --dry-run, and JMH options after --");
                    System.exit(2);
                }
            }
        }
        CommandLineOptions user = new CommandLineOptions(jmhArgs.toArray(String[]::new));

        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            System.out.println("note: this launcher runs without " + Flags.VECTOR + "; engines that need it look unavailable "
                    + "here although the forks have it. Start it with both flags: " + Flags.VECTOR + " " + Flags.NATIVE);
        }
        List<String> available = new ArrayList<>();
        for (String engine : engines) {
            String reason = EngineChoice.unavailable(engine.trim());
            if (reason == null) {
                available.add(engine.trim());
                System.out.println("engine " + engine.trim() + ": measured");
            } else {
                System.out.println("engine " + engine.trim() + ": skipped, " + reason);
            }
        }

        List<Path> parts = new ArrayList<>();
        Path dir = Files.createTempDirectory("backprop-jmh");
        for (Plan plan : Plan.all()) {
            if (only != null && !only.matcher(plan.include()).find()) {
                continue;
            }
            Map<String, List<String>> params = quick ? plan.quickParams() : plan.params();
            if (params == null) {
                continue;
            }
            if (plan.perEngine() && available.isEmpty()) {
                System.out.println("plan '" + plan.name() + "': skipped, no engine available");
                continue;
            }
            System.out.println("plan '" + plan.name() + "': " + plan.include() + " " + params
                    + (plan.perEngine() ? " engine=" + available : "") + (plan.gcProfiler() ? " -prof gc" : ""));
            if (dryRun) {
                continue;
            }
            Path part = dir.resolve("part" + parts.size() + ".json");
            new Runner(options(plan, params, available, quick, user, part)).run();
            parts.add(part);
        }
        if (!dryRun) {
            merge(parts, json);
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
            Files.deleteIfExists(dir);
            System.out.println("JMH results: " + json.toAbsolutePath());
        }
    }

    private static org.openjdk.jmh.runner.options.Options options(Plan plan, Map<String, List<String>> params,
            List<String> engines, boolean quick, CommandLineOptions user, Path result) {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(user)
                .include(Pattern.quote(Plan.class.getPackageName() + ".") + plan.include())
                .resultFormat(ResultFormatType.JSON).result(result.toString());
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            b.param(p.getKey(), p.getValue().toArray(String[]::new));
        }
        if (plan.perEngine()) {
            b.param("engine", engines.toArray(String[]::new));
        }
        if (plan.gcProfiler()) {
            b.addProfiler(GCProfiler.class);
        }
        List<String> jvmArgs = new ArrayList<>(List.of(Flags.VECTOR, Flags.NATIVE));
        if (user.getJvmArgsAppend().hasValue()) {
            jvmArgs.addAll(user.getJvmArgsAppend().get());
            b.jvmArgsAppend(jvmArgs.toArray(String[]::new));
        }
        if (quick) {
            if (!user.getForkCount().hasValue()) {
                b.forks(1);
            }
            if (!plan.singleShot()) {
                if (!user.getWarmupIterations().hasValue()) {
                    b.warmupIterations(1);
                }
                if (!user.getWarmupTime().hasValue()) {
                    b.warmupTime(TimeValue.seconds(1));
                }
                if (!user.getMeasurementIterations().hasValue()) {
                    b.measurementIterations(2);
                }
                if (!user.getMeasurementTime().hasValue()) {
                    b.measurementTime(TimeValue.seconds(1));
                }
            } else if (!user.getForkCount().hasValue()) {
                b.forks(2);
            }
        }
        return b.build();
    }

    /** Each JMH run wrote one JSON array; the report reads one array holding every result. */
    static void merge(List<Path> parts, Path json) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (Path part : parts) {
            if (!Files.exists(part)) {
                continue;
            }
            String text = Files.readString(part, StandardCharsets.UTF_8).strip();
            if (text.startsWith("[") && text.endsWith("]")) {
                String body = text.substring(1, text.length() - 1).strip();
                if (!body.isEmpty()) {
                    bodies.add(body);
                }
            }
        }
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(json, "[\n" + String.join(",\n", bodies) + "\n]\n", StandardCharsets.UTF_8);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println("Suite: " + option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
