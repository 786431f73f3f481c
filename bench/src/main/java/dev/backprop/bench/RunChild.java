package dev.backprop.bench;

import dev.backprop.Backpropagation;
import dev.backprop.Engines;
import dev.backprop.EpochReport;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Predictor;
import dev.backprop.Trainer;
import dev.backprop.data.Dataset;
import dev.backprop.data.Mnist;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * One whole process of the run-level suite ({@link dev.backprop.bench.runs.RunSuite} starts it in
 * a fresh JVM and times it from the outside): what a user's program does, with times printed as
 * {@code key value} lines for the suite to read.
 *
 * <ul>
 *   <li>{@code train --experiment ch1-30|ch1-100|ch3 --engine NAME [--data DIR] [--epochs N]
 *       [--limit N] [--gather on|off]}: loads the data, trains (the book's settings, seed 1,
 *       evaluation accuracy after each epoch as {@code backprop mnist} does), prints
 *       {@code load S}, one {@code epoch I S} per epoch (training only, as {@link EpochReport#seconds()})
 *       and {@code accuracy P}.</li>
 *   <li>{@code first-gradient --engine NAME}: from {@code main} to the first gradient of the book's
 *       [784, 30, 10] on one seeded mini-batch of 10 (engine chosen by name, opened, parameters
 *       set, BP1–BP4): prints {@code first MS}.</li>
 *   <li>{@code first-prediction --engine NAME}: from {@code main} to the first output of a
 *       {@link Predictor} of the same network for one example: prints {@code first MS}.</li>
 * </ul>
 * Nothing else is loaded or computed, so the process's own wall time is the cold start a user sees.
 */
public final class RunChild {
    private static final Set<String> VALUED = Set.of("--experiment", "--engine", "--data", "--epochs", "--limit", "--gather");

    private RunChild() {
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        if (args.length == 0) {
            throw new UsageException("RunChild: name train, first-gradient or first-prediction");
        }
        Options o = Options.parse(args[0], List.of(args).subList(1, args.length), VALUED, Set.of());
        EngineProvider engine = Engines.load().choose(o.string("--engine", EngineNames.SIMD));
        switch (args[0]) {
            case "train" -> train(o, engine);
            case "first-gradient" -> firstGradient(engine, start);
            case "first-prediction" -> firstPrediction(engine, start);
            default -> throw new UsageException("RunChild: unknown mode '" + args[0] + "'");
        }
    }

    private static void train(Options o, EngineProvider engine) throws IOException {
        Experiment e = Experiment.parse(o.string("--experiment", "ch1-30")).get(0);
        long loadStart = System.nanoTime();
        Mnist.Split data = o.has("--data") ? Mnist.load(Path.of(o.string("--data", null))) : Mnist.load(BundledData.directory());
        Dataset training = data.training();
        if (o.has("--limit")) {
            training = training.slice(0, Math.min(training.size(), o.integer("--limit", 0, 1)));
        }
        System.out.printf(Locale.ROOT, "load %.6f%n", (System.nanoTime() - loadStart) / 1e9);
        Network network = e.network(training.inputWidth(), training.outputWidth());
        Parameters parameters = Parameters.initialize(network, e.init(), 1);
        String gather = o.string("--gather", "on");
        if (!gather.equals("on") && !gather.equals("off")) {
            throw new UsageException("--gather must be on or off, got '" + gather + "'");
        }
        Trainer trainer = Trainer.builder().learningRate(e.eta()).lambda(e.lambda()).epochs(o.integer("--epochs", 10, 1))
                .miniBatchSize(Experiment.MINI_BATCH).seed(1).engine(engine).gatherAhead(gather.equals("on"))
                .listener((EpochReport r) -> System.out.printf(Locale.ROOT, "epoch %d %.6f%n", r.epoch(), r.seconds()))
                .build();
        List<EpochReport> history = trainer.train(parameters, training, data.test());
        System.out.printf(Locale.ROOT, "accuracy %.4f%n",
                100 * history.get(history.size() - 1).evaluationAccuracy().getAsDouble());
    }

    private static void firstGradient(EngineProvider provider, long start) {
        Network network = Network.of(784, 30, 10);
        Parameters parameters = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        float[] x = inputs(10, 784);
        float[] y = new float[10 * 10];
        for (int i = 0; i < 10; i++) {
            y[i * 10 + i % 10] = 1;
        }
        Parameters gradient = Parameters.zeros(network);
        try (Engine engine = provider.open(); Backpropagation bp = Backpropagation.open(engine, network)) {
            bp.setParameters(parameters);
            bp.feedforward(x, 0, 10);
            bp.setTargets(y, 0);
            bp.backpropagate();
            bp.getGradient(gradient);
        }
        System.out.printf(Locale.ROOT, "first %.3f%n", (System.nanoTime() - start) / 1e6);
        System.out.printf(Locale.ROOT, "check %s%n", Float.toString(gradient.biases(0)[0]));
    }

    private static void firstPrediction(EngineProvider provider, long start) {
        Network network = Network.of(784, 30, 10);
        Parameters parameters = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        float[] output;
        try (Predictor predictor = Predictor.open(parameters, provider)) {
            output = predictor.predict(inputs(1, 784));
        }
        System.out.printf(Locale.ROOT, "first %.3f%n", (System.nanoTime() - start) / 1e6);
        System.out.printf(Locale.ROOT, "check %s%n", Float.toString(output[0]));
    }

    /** Seeded pixels in [0, 1), like a scaled image. */
    private static float[] inputs(int rows, int width) {
        Random random = new Random(2);
        float[] x = new float[rows * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        return x;
    }
}
