/**
 * The user's side of backprop: build a {@link dev.backprop.Network}, give it
 * {@link dev.backprop.Parameters}, train them with a {@link dev.backprop.Trainer}, run them with a
 * {@link dev.backprop.Predictor}.
 *
 * <p>{@link dev.backprop.Backpropagation} is the one place where the order of chapter 2 is
 * written: feedforward (Eq. 25), BP1, BP2 from layer L−1 down, BP3 and BP4, then the step of an
 * {@link dev.backprop.Optimizer} (Eq. 93 for plain SGD). Each line carries its equation's label.
 * The trainer's loop ({@code TrainingRun}) is the one place where chapter 3's order is written:
 * the schedule's η, the shuffled mini-batches and dropout masks from the api's seeded generators,
 * the step with its {@link dev.backprop.Regularization}, then per epoch the monitors, the watched
 * {@link dev.backprop.Metric} (best parameters, halving, early stopping) and the checkpoint.
 * Engines ({@link dev.backprop.spi}) only do the arithmetic, the optimisers' included.
 *
 * <p>Notation is the book's: weights W^l are (neurons of l) × (neurons of l−1), a mini-batch is
 * stored one example per row, and every gradient is that of the mean cost over the mini-batch.
 * Layers are numbered from 0 in code (the first layer after the input) and from 2 in messages
 * and model files (the book's numbering, input = layer 1).
 *
 * <p>Not here: convolutions, batch normalisation, automatic differentiation of arbitrary graphs,
 * optimisers beyond chapter 3's and today's common ones (SGD, momentum, Nesterov, Adam, AdamW,
 * RMSProp). The network is the book's fully connected one.
 */
package dev.backprop;
