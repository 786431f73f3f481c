package dev.backprop.bench;

import dev.backprop.Cost;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Optimizer;
import dev.backprop.Schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the book's MNIST experiments that {@code backprop reproduce} runs: sigmoid neurons,
 * mini-batches of 10, and the settings below. The Python peers (bench/peers/experiments.py)
 * use the same names and settings.
 *
 * @param book what the book reports for it on the full MNIST (50,000 training images), or null
 *     when the book gives no figure for this exact setting
 * @param more chapter 3's further settings ({@link Chapter3#NONE} for the book's plain SGD)
 */
record Experiment(String id, String description, int hidden, Cost cost, Init init, double eta, double lambda, Book book,
                  Chapter3 more) {

    Experiment(String id, String description, int hidden, Cost cost, Init init, double eta, double lambda, Book book) {
        this(id, description, hidden, cost, init, eta, lambda, book, Chapter3.NONE);
    }

    /**
     * Chapter 3's settings beyond L2: the optimiser, L1, dropout, the schedule, the validation
     * share and early stopping's patience.
     */
    record Chapter3(Optimizer optimizer, double lambda1, double dropout, Schedule schedule, double validation,
                    int earlyStop) {
        static final Chapter3 NONE = new Chapter3(Optimizer.sgd(), 0, 0, Schedule.constant(), 0, 0);
    }

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

    /** Chapter 3's L1 instead of L2 (Eq. 95–97), on the same network. */
    static final Experiment CH3_L1 = chapter3("ch3-l1", "as ch3 with L1 (λ₁ = 1.0) instead of L2", 0,
            new Chapter3(Optimizer.sgd(), 1.0, 0, Schedule.constant(), 0, 0), 0.5);
    /** Dropout (p = 0.5 on the hidden layer) instead of L2. */
    static final Experiment CH3_DROPOUT = chapter3("ch3-dropout", "as ch3 with dropout p = 0.5 instead of L2", 0,
            new Chapter3(Optimizer.sgd(), 0, 0.5, Schedule.constant(), 0, 0), 0.5);
    /** The book's momentum (μ = 0.9) beside plain SGD; η scaled down by 1 − μ so the steps are alike. */
    static final Experiment CH3_MOMENTUM = chapter3("ch3-momentum", "as ch3 with momentum μ = 0.9, η = 0.05", 5.0,
            new Chapter3(Optimizer.momentum(0.9), 0, 0, Schedule.constant(), 0, 0), 0.05);
    /** Adam with Kingma and Ba's settings. */
    static final Experiment CH3_ADAM = chapter3("ch3-adam", "as ch3 with Adam (β₁ 0.9, β₂ 0.999, ε 1e-8), η = 0.001", 5.0,
            new Chapter3(Optimizer.adam(), 0, 0, Schedule.constant(), 0, 0), 0.001);
    /** The book's halving schedule and early stopping on a validation share of the training set. */
    static final Experiment CH3_HALVING = chapter3("ch3-halving", "as ch3, 10 % held back for validation, η halved after 5 "
            + "epochs without improvement (stop at η₀/128), early stop after 10, best epoch kept", 5.0,
            new Chapter3(Optimizer.sgd(), 0, 0, Schedule.halving(5), 0.1, 10), 0.5);

    private static Experiment chapter3(String id, String description, double lambda, Chapter3 more, double eta) {
        return new Experiment(id, "[784, 100, 10], cross-entropy, N(0,1/n_in) weights, " + description, 100,
                Costs.CROSS_ENTROPY, Init.SCALED_NORMAL, eta, lambda, null, more);
    }

    static final List<Experiment> ALL = List.of(CH1_30, CH1_100, CH3, CH3_L1, CH3_DROPOUT, CH3_MOMENTUM, CH3_ADAM,
            CH3_HALVING);
    /** Chapter 3's comparison: L2 against L1 against dropout, momentum and Adam beside SGD, the halving schedule. */
    static final String CHAPTER3 = "ch3,ch3-l1,ch3-dropout,ch3-momentum,ch3-adam,ch3-halving";

    /** The experiments named in a comma-separated list, e.g. "ch1-30,ch3"; "chapter3" names chapter 3's six. */
    static List<Experiment> parse(String list) {
        List<Experiment> chosen = new ArrayList<>();
        for (String name : list.replace("chapter3", CHAPTER3).split(",")) {
            Experiment found = null;
            for (Experiment e : ALL) {
                if (e.id().equals(name.trim())) {
                    found = e;
                }
            }
            if (found == null) {
                throw new UsageException("--experiments: unknown experiment '" + name.trim() + "'; the experiments are "
                        + "ch1-30, ch1-100, ch3, ch3-l1, ch3-dropout, ch3-momentum, ch3-adam and ch3-halving (chapter3: the "
                        + "last six)");
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
