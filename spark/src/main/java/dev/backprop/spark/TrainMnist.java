package dev.backprop.spark;

import dev.backprop.Engines;
import dev.backprop.EpochReport;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.data.Mnist;
import dev.backprop.io.ModelFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Trains the book's network on MNIST-format data with {@link SparkTrainer}: the program that the
 * README's {@code spark-submit} example runs. The driver reads the data (any directory
 * {@link Mnist#load} reads), spreads the training set over the cluster with
 * {@link Examples#distribute}, prints one line per epoch, and saves an ordinary model file.
 *
 * <pre>{@code
 * spark-submit --master spark://HOST:7077 --jars API.jar,ENGINE.jar --class dev.backprop.spark.TrainMnist \
 *     backprop-spark.jar --data data/mnist10k --partitions 2 --mode local:50 --epochs 5 --save model.npz
 * }</pre>
 *
 * <p>Options (defaults in brackets): {@code --data DIR} [data/mnist10k], {@code --partitions P}
 * [the cluster's default parallelism], {@code --mode sync | local:K} [local:50],
 * {@code --epochs E} [10], {@code --batch M} [10], {@code --eta η} [3.0], {@code --lambda λ} [0],
 * {@code --hidden H} [30], {@code --seed S} [1: of the initial weights, the shuffling and the
 * dropout masks, as {@code ./backprop mnist}], {@code --engine NAME} [each JVM's choice],
 * {@code --save FILE} [none]; and chapter 3's, named as {@code ./backprop mnist} names them:
 * {@code --optimizer sgd | momentum | nesterov | adam | adamw | rmsprop} [sgd] with
 * {@code --momentum μ} [0.9], {@code --beta1}, {@code --beta2}, {@code --epsilon} [0.9, 0.999,
 * 1e-8], {@code --weight-decay} [0.01, adamw], {@code --rho} [0.9, rmsprop]; {@code --l1 λ₁}
 * [0], {@code --dropout P} [0], {@code --schedule constant | step:K:F | exponential:G}
 * [constant], {@code --warmup EPOCHS} [0]. A mistake in them exits with 2 and one line saying
 * what to fix.
 */
public final class TrainMnist {
    private static final Set<String> OPTIONS = options();

    private TrainMnist() {
    }

    /**
     * Runs the program; see the class comment for the options. Every option is checked before
     * Spark starts; a mistake exits the JVM with status 2 and one line on standard error.
     *
     * @param args the options, each name followed by its value
     * @throws IOException if the data cannot be read or the model file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options;
        SparkTrainer trainer;
        Network network;
        long seed;
        try {
            // Every option is checked before Spark starts: a typo costs no cluster time.
            options = parse(args);
            network = Network.of(784, number(options, "--hidden", 30), 10);
            seed = Long.parseLong(options.getOrDefault("--seed", "1"));
            trainer = trainer(options).listener(report -> System.out.println(report)).build();
            number(options, "--partitions", 1);
        } catch (IllegalArgumentException e) {
            System.err.println("TrainMnist: " + e.getMessage());
            System.exit(2);
            return;
        }
        Mnist.Split mnist = Mnist.load(Path.of(options.getOrDefault("--data", "data/mnist10k")));
        SparkSession spark = SparkSession.builder().appName("backprop TrainMnist").getOrCreate();
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int partitions = number(options, "--partitions", sc.defaultParallelism());
            Parameters parameters = Parameters.initialize(network, Init.STANDARD_NORMAL, seed);
            System.out.println("data     " + mnist.training().size() + " training, " + mnist.test().size()
                    + " test examples, in " + partitions + " partitions");
            System.out.println("training " + trainer);
            System.out.println("driver   " + Engines.load().choose().name() + " engine (executors choose their own)");
            List<EpochReport> history = trainer.train(parameters,
                    Examples.distribute(sc, mnist.training(), partitions), mnist.test());
            EpochReport last = history.get(history.size() - 1);
            System.out.printf("done     test accuracy %.2f %% after %d epochs%n",
                    100 * last.evaluationAccuracy().orElse(Double.NaN), history.size());
            if (options.containsKey("--save")) {
                Path file = Path.of(options.get("--save"));
                ModelFile.save(network, parameters, file);
                System.out.println("saved    " + file.toAbsolutePath());
            }
        } finally {
            spark.stop();
        }
    }

    private static Set<String> options() {
        Set<String> names = new TreeSet<>(Set.of("--data", "--partitions", "--mode", "--epochs", "--batch",
                "--eta", "--lambda", "--hidden", "--seed", "--engine", "--save"));
        names.addAll(TrainingOptions.NAMES);
        return Collections.unmodifiableSet(names);
    }

    /** The trainer the options describe (without its listener). */
    static SparkTrainer.Builder trainer(Map<String, String> options) {
        SparkTrainer.Builder builder = SparkTrainer.builder()
                .mode(mode(options.getOrDefault("--mode", "local:50")))
                .learningRate(Double.parseDouble(options.getOrDefault("--eta", "3.0")))
                .lambda(Double.parseDouble(options.getOrDefault("--lambda", "0")))
                .epochs(number(options, "--epochs", 10))
                .miniBatchSize(number(options, "--batch", 10))
                .seed(Long.parseLong(options.getOrDefault("--seed", "1")));
        if (options.containsKey("--engine")) {
            builder.engine(options.get("--engine"));
        }
        return TrainingOptions.apply(options, builder);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; the options are " + OPTIONS);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** "sync" or "local:K". */
    static Mode mode(String text) {
        if (text.equals("sync")) {
            return Mode.synchronousGradient();
        }
        if (text.startsWith("local:")) {
            try {
                return Mode.localSteps(Integer.parseInt(text.substring("local:".length())));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("--mode is 'sync' or 'local:K' with K local steps per round, got '" + text + "'");
    }

    private static int number(Map<String, String> options, String name, int otherwise) {
        String value = options.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a whole number of at least 1, got '" + value + "'");
    }
}
