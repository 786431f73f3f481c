package dev.backprop.bench;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;
import dev.backprop.Engines;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Trainer;
import dev.backprop.spi.EngineProvider;

import java.util.Set;

/**
 * The training options every training command shares ({@code --preset --hidden --activation
 * --cost --init --eta --lambda --epochs --batch --seed --engine}, and chapter 3's of
 * {@link Chapter3Options}), read from {@link Options} into a network shape and trainer settings;
 * mistakes become {@link UsageException}s.
 */
final class TrainingOptions {
    static final Set<String> VALUED = Options.union(Set.of("--preset", "--hidden", "--activation", "--cost", "--init",
            "--eta", "--lambda", "--epochs", "--batch", "--seed", "--engine"), Chapter3Options.VALUED);
    static final Set<String> FLAGS = Options.union(Set.of("--monitor-all"), Chapter3Options.FLAGS);

    final Preset preset;
    final int[] hidden;
    final Activation activation;
    final Cost cost;
    final Init init;
    final double eta;
    final double lambda;
    final int epochs;
    final int batch;
    final long seed;
    final Chapter3Options chapter3;

    /** @param fallback the settings when --preset is not given */
    TrainingOptions(Options o, Preset fallback) {
        preset = o.has("--preset") ? Preset.named(o.string("--preset", null)) : fallback;
        hidden = o.widths("--hidden", preset.hidden());
        activation = activation(o.string("--activation", preset.activation().id()));
        cost = cost(o.string("--cost", preset.cost().id()));
        init = init(o.string("--init", preset.init() == Init.SCALED_NORMAL ? "scaled" : "standard"));
        eta = o.number("--eta", preset.eta());
        lambda = o.number("--lambda", preset.lambda());
        epochs = o.integer("--epochs", preset.epochs(), 1);
        batch = o.integer("--batch", preset.miniBatch(), 1);
        seed = o.longValue("--seed", 1);
        chapter3 = new Chapter3Options(o);
    }

    /** The trainer of these options; chapter 3's validation share is the caller's to set or to split itself. */
    Trainer.Builder trainer() throws java.io.IOException {
        try {
            return chapter3.apply(Trainer.builder().learningRate(eta).lambda(lambda).epochs(epochs).miniBatchSize(batch)
                    .seed(seed));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The hidden layers, then an output layer that fits the cost: softmax for log-likelihood,
     * sigmoid for cross-entropy, {@code output} (or the hidden activation when null) otherwise.
     */
    Network network(int inputs, int outputs, Activation output) {
        Network.Builder builder = Network.builder(inputs);
        for (int width : hidden) {
            builder.layer(width, activation);
        }
        Activation last = cost == Costs.LOG_LIKELIHOOD ? Activations.SOFTMAX
                : cost == Costs.CROSS_ENTROPY ? Activations.SIGMOID : output != null ? output : activation;
        try {
            return builder.layer(outputs, last).cost(cost).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** "network  [784, 30, 10], sigmoid, cost quadratic, init N(0,1)", naming the output layer where it differs. */
    String describe(Network network) {
        Activation output = network.layer(network.depth() - 1).activation();
        return "network  " + java.util.Arrays.toString(network.sizes()) + ", " + activation.id()
                + (output == activation ? "" : ", output " + output.id()) + ", cost " + cost.id() + ", init "
                + (init == Init.SCALED_NORMAL ? "N(0,1/n_in)" : "N(0,1)");
    }

    /** "η = 3.0, λ = 0.0, mini-batch 10, 10 epochs, seed 1". */
    String describeTraining() {
        String chapter1 = "η = " + eta + ", λ = " + lambda + ", mini-batch " + batch + ", " + epochs + " epochs, seed " + seed;
        String more = chapter3.describe();
        return more.equals("optimizer sgd") ? chapter1 : chapter1 + "\n         " + more;
    }

    static EngineProvider engine(Options o) {
        Engines engines = Engines.load();
        try {
            return o.has("--engine") ? engines.choose(o.string("--engine", null)) : engines.choose();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException(e.getMessage() + "; 'backprop engines' lists them");
        }
    }

    private static Activation activation(String id) {
        try {
            Activation a = Activations.byId(id);
            if (!a.isElementwise()) {
                throw new UsageException("--activation " + id + " is for output layers only; the output layer follows --cost "
                        + "(log-likelihood gives softmax)");
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--activation: " + e.getMessage());
        }
    }

    private static Cost cost(String id) {
        try {
            return Costs.byId(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--cost: " + e.getMessage());
        }
    }

    private static Init init(String id) {
        switch (id) {
            case "standard":
                return Init.STANDARD_NORMAL;
            case "scaled":
                return Init.SCALED_NORMAL;
            default:
                throw new UsageException("--init must be 'standard' (N(0,1), chapter 1) or 'scaled' (N(0,1/n_in), chapter 3), got '"
                        + id + "'");
        }
    }
}
