package dev.backprop.bench;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.Init;
import dev.backprop.Activations;

/**
 * The book's two settings that the {@code mnist} command reproduces; each option can override a
 * part. The settings themselves are those of the {@link Experiment}s {@code reproduce} runs, so
 * each is written once; a preset adds how many epochs the command trains by default.
 */
record Preset(int[] hidden, Activation activation, Cost cost, Init init, double eta, double lambda, int miniBatch,
              int epochs) {

    /** Chapter 1 ({@link Experiment#CH1_30}): [784, 30, 10], quadratic cost, N(0,1), η = 3.0; 10 epochs. */
    static final Preset CHAPTER1 = of(Experiment.CH1_30, 10);
    /** Chapter 3 ({@link Experiment#CH3}): [784, 100, 10], cross-entropy, N(0,1/n_in), η = 0.5, λ = 5.0; 30 epochs. */
    static final Preset CHAPTER3 = of(Experiment.CH3, 30);

    private static Preset of(Experiment e, int epochs) {
        return new Preset(new int[] {e.hidden()}, Activations.SIGMOID, e.cost(), e.init(), e.eta(), e.lambda(),
                Experiment.MINI_BATCH, epochs);
    }

    static Preset named(String name) {
        switch (name) {
            case "chapter1":
                return CHAPTER1;
            case "chapter3":
                return CHAPTER3;
            default:
                throw new UsageException("--preset must be chapter1 or chapter3, got '" + name + "'");
        }
    }
}
