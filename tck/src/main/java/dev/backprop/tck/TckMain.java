package dev.backprop.tck;

import dev.backprop.Engines;
import dev.backprop.spi.EngineProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kit without JUnit: from the command line, or from code.
 *
 * <pre>
 * java -cp backprop-tck.jar:backprop-api.jar:my-engine.jar dev.backprop.tck.TckMain --engine NAME [--report FILE.md|FILE.json] [--rule ID]…
 * </pre>
 *
 * <p>Prints one line per rule (PASS, FAIL with the message, SKIP with the reason, and the
 * largest absolute error and share of the tolerance seen), writes the same as Markdown or JSON
 * (with where each rule used the largest share of its tolerance) when asked, and exits with 1 if
 * a rule failed, 2 on a bad command line or an unavailable engine, 0 otherwise. From code:
 *
 * <pre>{@code
 * List<RuleResult> results = TckMain.runRules(new MyEngineProvider(), Map.of(), TckMain.ruleIds());
 * }</pre>
 */
public final class TckMain {
    private TckMain() {
    }

    /**
     * The command line: runs {@link #run(String[])} and exits the JVM with its code.
     *
     * @param args {@code --engine NAME}, {@code --report FILE.md|FILE.json}, {@code --rule ID}
     *     (repeatable), {@code --help}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * The id of every rule, in the order the kit runs them.
     *
     * @return the constants of {@link RuleIds}, starting with
     *     {@code required_oracle_matchesFiniteDifferences}; a list that cannot be modified
     */
    public static List<String> ruleIds() {
        return RuleBook.ids();
    }

    /**
     * Runs the given rules against {@code provider} and returns one result each, in order. A
     * broken engine never makes this throw: each result says what happened. Availability is not
     * asked first, so an unavailable provider fails each rule that opens an engine.
     *
     * @param provider the engine under test; the kit opens engines with it and closes each one
     *     before its rule ends
     * @param unsupported rule id → reason, for rules the engine declares it does not support
     *     (reported as SKIP with the reason)
     * @param ruleIds the rules to run, e.g. {@link #ruleIds()}
     * @return one result per id, in the order of {@code ruleIds}
     * @throws IllegalArgumentException if an id, in either argument, names no rule
     */
    public static List<RuleResult> runRules(EngineProvider provider, Map<String, String> unsupported, List<String> ruleIds) {
        List<Rule> rules = new ArrayList<>();
        for (String id : ruleIds) {
            rules.add(RuleBook.find(id).orElseThrow(() -> new IllegalArgumentException("no rule '" + id
                    + "'; the rules are " + RuleBook.ids())));
        }
        KitRunner runner = new KitRunner(provider, unsupported);
        List<RuleResult> results = new ArrayList<>();
        for (Rule rule : rules) {
            results.add(runner.run(rule));
        }
        return results;
    }

    /**
     * Runs the kit as the command line would, printing to {@code System.out} and
     * {@code System.err}, and returns the exit code instead of exiting. Without {@code --engine} it
     * tests the engine {@link Engines#choose()} picks; without {@code --rule}, every rule.
     *
     * @param args as {@link #main(String[])} takes them
     * @return 0 when no rule failed, 1 when one did, 2 for a bad command line, an engine that is
     *     missing or unavailable, or a report that cannot be written
     */
    public static int run(String[] args) {
        String engineName = null;
        Path report = null;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length && (arg.equals("--engine") || arg.equals("--report") || arg.equals("--rule"))) {
                System.err.println("tck: " + arg + " needs a value");
                return 2;
            }
            switch (arg) {
                case "--engine" -> engineName = args[++i];
                case "--report" -> report = Path.of(args[++i]);
                case "--rule" -> only.add(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("usage: java -cp backprop-tck.jar:backprop-api.jar:ENGINE.jar dev.backprop.tck.TckMain "
                            + "[--engine NAME] [--report FILE.md|FILE.json] [--rule ID]...");
                    return 0;
                }
                default -> {
                    System.err.println("tck: unknown argument '" + arg + "'; try --help");
                    return 2;
                }
            }
        }
        EngineProvider provider;
        try {
            Engines engines = Engines.load();
            provider = engineName != null ? engines.choose(engineName) : engines.choose();
        } catch (RuntimeException e) {
            System.err.println("tck: " + e.getMessage());
            return 2;
        }
        List<Rule> rules = new ArrayList<>();
        for (String id : only) {
            rules.add(RuleBook.find(id).orElse(null));
            if (rules.get(rules.size() - 1) == null) {
                System.err.println("tck: no rule '" + id + "'; the rules are the required_* names of a full run");
                return 2;
            }
        }
        if (rules.isEmpty()) {
            rules.addAll(RuleBook.all());
        }
        String detail = provider.availability().detail();
        System.out.println("backprop TCK: engine " + provider.name() + " (" + detail + ")");
        KitRunner runner = new KitRunner(provider, Map.of());
        List<RuleResult> results = new ArrayList<>();
        for (Rule rule : rules) {
            RuleResult result = runner.run(rule);
            results.add(result);
            System.out.println(Report.line(result));
        }
        System.out.println(Report.summary(results));
        if (report != null) {
            String text = report.toString().endsWith(".json") ? Report.json(provider.name(), results)
                    : Report.markdown(provider.name(), detail, results);
            try {
                writeAtomically(report, text);
                System.out.println("report written to " + report.toAbsolutePath());
            } catch (IOException e) {
                System.err.println("tck: cannot write the report " + report + ": " + e.getMessage());
                return 2;
            }
        }
        return results.stream().anyMatch(r -> r.status() == RuleResult.Status.FAIL) ? 1 : 0;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
