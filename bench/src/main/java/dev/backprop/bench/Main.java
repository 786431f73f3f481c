package dev.backprop.bench;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.Engines;
import dev.backprop.EpochReport;
import dev.backprop.Evaluation;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Predictor;
import dev.backprop.Trainer;
import dev.backprop.TrainingDivergedException;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.data.Dataset;
import dev.backprop.data.Mnist;
import dev.backprop.io.ModelFile;
import dev.backprop.spi.EngineProvider;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The command line: {@code backprop mnist | engines | evaluate | reproduce | report | help}.
 *
 * <p>Run it with {@code ./backprop} from the repository root (which builds the jar when needed),
 * or {@code java --enable-native-access=ALL-UNNAMED -jar bench/target/backprop.jar}.
 * Mistakes on the command line print one line with the fix and exit with 2; other failures
 * (unreadable files, diverging training) print one line and exit with 1.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** Every command, for the messages that list them. */
    static final String COMMANDS = "mnist, train, predict, evaluate, export, import, engines, reproduce, report, help";

    private static final Set<String> MNIST_VALUED = Options.union(TrainingOptions.VALUED,
            Set.of("--data", "--save", "--limit"));
    private static final Set<String> MNIST_FLAGS = TrainingOptions.FLAGS;
    private static final Set<String> EVALUATE_VALUED = Set.of("--model", "--data", "--engine");
    private static final Set<String> REPRODUCE_VALUED = Set.of("--data", "--engines", "--experiments", "--epochs", "--seeds",
            "--limit", "--out");
    private static final Set<String> REPORT_VALUED = Set.of("--results", "--out");

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    Main(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * The library logs its engine choice at INFO; this command prints the engine itself, so only
     * warnings (an engine present but unavailable) reach stderr. Held here: JUL keeps loggers weakly.
     */
    private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("dev.backprop");

    public static void main(String[] args) {
        LIBRARY_LOG.setLevel(java.util.logging.Level.WARNING);
        boolean terminal = System.console() != null && System.console().isTerminal();
        System.exit(new Main(System.out, System.err, terminal).run(args));
    }

    /** Runs one command and returns the process exit code. */
    int run(String... args) {
        if (args.length == 0) {
            err.println("backprop: name a command: " + COMMANDS);
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "mnist":
                    return mnist(Options.parse("mnist", rest, MNIST_VALUED, MNIST_FLAGS));
                case "engines":
                    Options.parse("engines", rest, Set.of(), Set.of());
                    out.print(Engines.report());
                    return OK;
                case "evaluate":
                    if (TabularCommands.wantsCsv(rest)) {
                        return new TabularCommands(out).evaluate(rest);
                    }
                    return evaluate(Options.parse("evaluate", rest, EVALUATE_VALUED, Set.of()));
                case "train":
                    return new TabularTrain(out, terminal).run(rest);
                case "predict":
                    return new TabularCommands(out).predict(rest);
                case "export":
                    return new TabularCommands(out).export(rest);
                case "import":
                    return new TabularCommands(out).importOnnx(rest);
                case "reproduce":
                    return new Reproduce(out).run(Options.parse("reproduce", rest, REPRODUCE_VALUED, Set.of()));
                case "report":
                    return new Report(out).run(Options.parse("report", rest, REPORT_VALUED, Set.of()));
                case "help":
                case "--help":
                case "-h":
                    out.print(Help.TEXT);
                    return OK;
                default:
                    throw new UsageException("unknown command '" + args[0] + "'; the commands are " + COMMANDS);
            }
        } catch (UsageException e) {
            err.println("backprop: " + e.getMessage());
            return USAGE;
        } catch (TrainingDivergedException e) {
            err.println("backprop: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("backprop: " + Problems.describe(e));
            return FAILED;
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The library's refusals (empty data, a network the heap cannot hold, …): their message says it all.
            err.println("backprop: " + Problems.oneLine(e.getMessage()));
            return FAILED;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            err.println("backprop: " + Problems.unexpected(e));
            return FAILED;
        }
    }

    private int mnist(Options o) throws IOException {
        TrainingOptions t = new TrainingOptions(o, Preset.CHAPTER1);
        EngineProvider engine = TrainingOptions.engine(o);
        Trainer.Builder settings = t.trainer();
        Path save = o.has("--save") ? Path.of(o.string("--save", null)) : null;
        if (save != null && save.toAbsolutePath().getParent() != null && !Files.isDirectory(save.toAbsolutePath().getParent())) {
            throw new UsageException("--save " + save + ": directory " + save.toAbsolutePath().getParent() + " does not exist");
        }

        Mnist.Split data = load(o, out);
        Dataset training = data.training();
        if (o.has("--limit")) {
            training = training.slice(0, Math.min(training.size(), o.integer("--limit", 0, 1)));
        }
        Network network = t.network(data.training().inputWidth(), data.training().outputWidth(), null);
        Parameters parameters = Parameters.initialize(network, t.init, t.seed);

        out.println("engine   " + engine.name() + ": " + engine.availability().detail());
        out.println(t.describe(network));
        out.println("training " + training.size() + " examples, test " + data.test().size() + ", " + t.describeTraining());

        ProgressBar progress = new ProgressBar(out, terminal, training.size());
        settings.engine(engine).listener(t.chapter3.listener(progress, t.describe(network) + ", " + t.describeTraining()
                .replace("\n         ", ", "))).monitorAll(o.has("--monitor-all")).monitorEvaluationAccuracy(true)
                .validation(t.chapter3.validation);
        if (t.chapter3.plot != null) {
            // Curves need something to draw: the costs as well as the accuracies.
            settings.monitorAll(true);
        }
        List<EpochReport> history;
        try {
            history = settings.build().train(parameters, training, data.test());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        EpochReport last = history.get(history.size() - 1);
        // The median, not the mean: the first epochs include the JIT compiling the kernels, which
        // on a run this small can be most of the total (1.8 s against 0.05 s for simd).
        double[] seconds = history.stream().mapToDouble(EpochReport::seconds).sorted().toArray();
        if (progress.outcome() == null || !progress.outcome().restoredBest()) {
            out.printf("done     test accuracy %.2f %% after %d epochs, %.2f s per epoch on %s (median; the first took %.2f s)%n",
                    100 * last.evaluationAccuracy().getAsDouble(), history.size(), seconds[seconds.length / 2], engine.name(),
                    history.get(0).seconds());
        } else {
            try (Predictor kept = Predictor.open(parameters, engine)) {
                out.printf("done     test accuracy %.2f %% with the parameters of epoch %d (the best of %d), %.2f s per epoch"
                        + " on %s (median)%n", 100 * kept.evaluate(data.test()).accuracy().getAsDouble(),
                        progress.outcome().bestEpoch(), history.size(), seconds[seconds.length / 2], engine.name());
            }
        }
        if (t.chapter3.plot != null) {
            out.println("plotted  " + t.chapter3.plot.toAbsolutePath());
        }
        if (save != null) {
            ModelFile.save(network, parameters, save);
            out.println("saved    " + save.toAbsolutePath());
        }
        return OK;
    }

    private int evaluate(Options o) throws IOException {
        if (!o.has("--model")) {
            throw new UsageException("evaluate needs --model FILE (an .npz written by 'backprop mnist --save FILE')");
        }
        Path model = Path.of(o.string("--model", null));
        if (!Files.isRegularFile(model)) {
            throw new UsageException("--model " + model + ": no such file");
        }
        EngineProvider engine = TrainingOptions.engine(o);
        ModelFile.Loaded loaded = ModelFile.load(model);
        Mnist.Split data = load(o, out);
        Dataset test = data.test();
        if (test.inputWidth() != loaded.network().inputWidth() || test.outputWidth() != loaded.network().outputWidth()) {
            out.flush();
            throw new UsageException("the model " + model + " takes " + loaded.network().inputWidth() + " inputs and gives "
                    + loaded.network().outputWidth() + " outputs, the data has " + test.inputWidth() + " and " + test.outputWidth());
        }
        try (Predictor predictor = Predictor.open(loaded.parameters(), engine)) {
            Evaluation e = predictor.evaluate(test);
            out.println("model    " + model + ": " + loaded.network());
            out.println("engine   " + engine.name());
            out.println("test     " + e);
        }
        return OK;
    }

    /** The data named by --data, or the bundled mnist10k; says which on {@code out}. */
    static Mnist.Split load(Options o, PrintStream out) throws IOException {
        if (!o.has("--data")) {
            out.println("data     " + BundledData.DESCRIPTION);
            return Mnist.load(BundledData.directory());
        }
        Path dir = Path.of(o.string("--data", null));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("data directory " + dir + " does not exist; pass --data DIR with the four MNIST IDX files "
                    + "(train-images-idx3-ubyte[.gz], …), or leave --data out to use the bundled mnist10k");
        }
        out.println("data     " + dir.toAbsolutePath());
        Mnist.Split split = Mnist.load(dir);
        if (split.training().size() == 0 || split.test().size() == 0) {
            throw new IOException(dir + ": the " + (split.training().size() == 0 ? "training" : "test")
                    + " files hold 0 examples; expected at least one image with its label");
        }
        return split;
    }
}
