package dev.backprop.bench;

import dev.backprop.Cost;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Activations;
import dev.backprop.Costs;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the book's MNIST experiments that {@code backprop reproduce} runs: sigmoid neurons,
 * mini-batches of 10, and the settings below. The Python peers (bench/peers/experiments.py)
 * use the same names and settings.
 *
 * @param book what the book reports for it on the full MNIST (50,000 training images)
 */
record Experiment(String id, String description, int hidden, Cost cost, Init init, double eta, double lambda, Book book) {

    /**
     * A published figure.
     *
     * @param percent the accuracy the book states
     * @param source  what exactly it is and where, e.g. "best of 30 epochs, test set (book, chapter 1)"
     */
    record Book(double percent, String source) {
    }

    static final int MINI_BATCH = 10;

    /** Chapter 1, network.py: {@code Network([784, 30, 10])}, {@code SGD(training_data, 30, 10, 3.0)}. */
    static final Experiment CH1_30 = new Experiment("ch1-30", "[784, 30, 10], quadratic cost, N(0,1) weights, η = 3.0",
            30, Costs.QUADRATIC, Init.STANDARD_NORMAL, 3.0, 0.0,
            new Book(95.42, "95.42 %: best of 30 epochs (epoch 28), test set (book, chapter 1)"));
    /** Chapter 1, the same with 100 hidden neurons. */
    static final Experiment CH1_100 = new Experiment("ch1-100", "[784, 100, 10], quadratic cost, N(0,1) weights, η = 3.0",
            100, Costs.QUADRATIC, Init.STANDARD_NORMAL, 3.0, 0.0,
            new Book(96.59, "96.59 %: 30 epochs, test set (book, chapter 1)"));
    /** Chapter 3, network2.py: cross-entropy, L2 with λ = 5.0, η = 0.5, 100 hidden neurons. */
    static final Experiment CH3 = new Experiment("ch3",
            "[784, 100, 10], cross-entropy, N(0,1/n_in) weights, η = 0.5, λ = 5.0",
            100, Costs.CROSS_ENTROPY, Init.SCALED_NORMAL, 0.5, 5.0,
            new Book(97.92, "97.92 %: 30 epochs, validation set, N(0,1) weights there; 98.04 % after 60 epochs at "
                    + "η = 0.1 (book, chapter 3)"));

    static final List<Experiment> ALL = List.of(CH1_30, CH1_100, CH3);

    /** The experiments named in a comma-separated list, e.g. "ch1-30,ch3". */
    static List<Experiment> parse(String list) {
        List<Experiment> chosen = new ArrayList<>();
        for (String name : list.split(",")) {
            Experiment found = null;
            for (Experiment e : ALL) {
                if (e.id().equals(name.trim())) {
                    found = e;
                }
            }
            if (found == null) {
                throw new UsageException("--experiments: unknown experiment '" + name.trim() + "'; the experiments are "
                        + "ch1-30, ch1-100 and ch3");
            }
            if (!chosen.contains(found)) {
                chosen.add(found);
            }
        }
        return chosen;
    }

    Network network(int inputs, int outputs) {
        return Network.builder(inputs).layer(hidden, Activations.SIGMOID).layer(outputs, Activations.SIGMOID).cost(cost).build();
    }
}
