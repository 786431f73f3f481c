package dev.backprop.bench;

import dev.backprop.Activations;
import dev.backprop.ClassificationMetrics;
import dev.backprop.Costs;
import dev.backprop.EpochReport;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.TabularModel;
import dev.backprop.data.FeatureScaling;
import dev.backprop.data.Split;
import dev.backprop.data.TabularData;
import dev.backprop.data.TabularSchema;
import dev.backprop.io.TabularModelFile;
import dev.backprop.spi.EngineProvider;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code backprop train --csv FILE --label COL [--regression] …}: reads a table, splits it (seeded,
 * stratified for classes), fits the feature scaling on the training rows, trains with the options
 * of {@code mnist}, prints the test metrics and saves a model that takes raw rows.
 */
final class TabularTrain {
    private static final Set<String> VALUED = Options.union(CsvOptions.VALUED, TrainingOptions.VALUED,
            Set.of("--scaling", "--test", "--save", "--limit"));
    private static final Set<String> FLAGS = Options.union(CsvOptions.FLAGS, TrainingOptions.FLAGS);

    /**
     * Regression's defaults: the book's [n, 30, k] sigmoid network with a linear output layer, but
     * η = 0.1 and 50 epochs. Chapter 1's η = 3.0 suits sigmoid outputs, whose σ′ ≤ 1/4 damps
     * BP1; a linear output layer passes the whole error back and diverges at that rate.
     */
    static final Preset REGRESSION = new Preset(new int[] {30}, Activations.SIGMOID, Costs.QUADRATIC,
            dev.backprop.Init.STANDARD_NORMAL, 0.1, 0.0, Experiment.MINI_BATCH, 50);

    private final PrintStream out;
    private final boolean terminal;

    TabularTrain(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    int run(List<String> args) throws IOException {
        Options o = Options.parse("train", args, VALUED, FLAGS);
        Path file = CsvOptions.file(o);
        boolean regression = o.has("--regression");
        TrainingOptions t = new TrainingOptions(o, regression ? REGRESSION : Preset.CHAPTER1);
        if (regression && t.cost != Costs.QUADRATIC) {
            throw new UsageException("--regression trains a linear output layer with the quadratic cost; --cost " + t.cost.id()
                    + " needs outputs in (0, 1)");
        }
        FeatureScaling.Kind scalingKind = scaling(o.string("--scaling", "standardize"));
        double test = o.number("--test", 0.2);
        double validation = t.chapter3.validation;
        EngineProvider engine = TrainingOptions.engine(o);
        Path save = o.has("--save") ? Path.of(o.string("--save", null)) : null;
        if (save != null && save.toAbsolutePath().getParent() != null && !Files.isDirectory(save.toAbsolutePath().getParent())) {
            throw new UsageException("--save " + save + ": directory " + save.toAbsolutePath().getParent() + " does not exist");
        }

        TabularData table = CsvOptions.forTraining(o).read(file);
        Split split;
        try {
            split = regression ? Split.random(table.size(), test, validation, t.seed)
                    : Split.stratified(table.labels(), test, validation, t.seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--test/--validation: " + e.getMessage());
        }
        int[] trainingRows = split.training();
        if (o.has("--limit")) {
            trainingRows = java.util.Arrays.copyOf(trainingRows, Math.min(trainingRows.length, o.integer("--limit", 0, 1)));
        }
        TabularData training = table.select(trainingRows);
        TabularData held = table.select(split.test().length > 0 ? split.test() : split.validation());
        String heldName = split.test().length > 0 ? "test" : split.validation().length > 0 ? "validation" : null;
        TabularSchema schema = TabularSchema.fit(training, scalingKind);
        Network network = t.network(table.inputWidth(), schema.outputWidth(), regression ? Activations.IDENTITY : null);
        Parameters parameters = Parameters.initialize(network, t.init, t.seed);

        out.println("data     " + file + ": " + table.size() + " rows, " + table.inputWidth() + " features "
                + table.featureNames() + ", " + (regression ? "targets " + table.targetNames()
                : "label " + table.targetNames().get(0) + " (" + table.classNames().size() + " classes " + table.classNames() + ")"));
        out.println("split    " + training.size() + " training, " + split.validation().length + " validation, "
                + split.test().length + " test (" + (regression ? "random" : "stratified") + ", seed " + t.seed + "); "
                + scalingKind.id() + " scaling fitted on the training rows" + (regression ? ", targets standardised" : ""));
        out.println("engine   " + engine.name() + ": " + engine.availability().detail());
        out.println(t.describe(network));
        out.println("training " + t.describeTraining());

        ProgressBar progress = new ProgressBar(out, terminal, training.size());
        var trainer = t.trainer().engine(engine).listener(t.chapter3.listener(progress, file.getFileName() + ": "
                + t.describe(network))).monitorAll(o.has("--monitor-all") || t.chapter3.plot != null);
        boolean hasTest = split.test().length > 0;
        if (hasTest) {
            trainer.monitorEvaluationAccuracy(!regression).monitorEvaluationCost(regression || o.has("--monitor-all")
                    || t.chapter3.plot != null);
        }
        // Validation rows (--validation) are measured every epoch and watched by --early-stop;
        // the test rows only report.
        TabularData validationRows = split.validation().length > 0 ? table.select(split.validation()) : null;
        List<EpochReport> history;
        try {
            history = trainer.build().train(parameters, schema.dataset(training),
                    validationRows == null ? null : schema.dataset(validationRows), hasTest ? schema.dataset(held) : null);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        out.printf("done     %d epochs, %.3f s per epoch on %s%n", history.size(),
                history.stream().mapToDouble(EpochReport::seconds).sorted().toArray()[history.size() / 2], engine.name());
        if (heldName != null) {
            try (TabularModel model = TabularModel.open(parameters, schema, engine)) {
                out.println(heldName + " (" + held.size() + " rows):");
                if (regression) {
                    out.print(model.evaluateRegression(held));
                } else {
                    ClassificationMetrics metrics = model.evaluateClassification(held);
                    out.print(metrics);
                }
            }
        }
        if (save != null) {
            TabularModelFile.save(network, parameters, schema, save);
            out.println("saved    " + save.toAbsolutePath());
        }
        return Main.OK;
    }

    private static FeatureScaling.Kind scaling(String id) {
        try {
            return FeatureScaling.Kind.of(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--scaling: " + e.getMessage());
        }
    }
}
