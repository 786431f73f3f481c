package dev.backprop;

import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One {@code Trainer.train} call, network2.py's {@code SGD} with chapter 3's additions, in the
 * order written once here: per epoch the η of the schedule; per mini-batch the shuffled examples,
 * the dropout masks from the api's generator, BP1–BP4 and the optimiser's step (with the warm-up
 * ramp); after the epoch the finite check, the monitors, the watched metric (best parameters,
 * halving, early stopping), the listener and the checkpoint.
 */
final class TrainingRun {
    /** Mixes the trainer's seed into the dropout generator's, so its stream is not the shuffle's. */
    private static final long DROPOUT_STREAM = 0x9E3779B97F4A7C15L;

    private final Trainer.Builder settings;
    private final Engine engine;
    private final Parameters parameters;
    private final Dataset training;
    private final Dataset validation;
    private final Dataset evaluation;
    private final Network network;
    private final Regularization penalty;
    private final String fingerprint;

    TrainingRun(Trainer.Builder settings, Engine engine, Parameters parameters, Dataset training, Dataset validation,
                Dataset evaluation) {
        this.settings = settings;
        this.engine = engine;
        this.parameters = parameters;
        this.training = training;
        this.validation = validation;
        this.evaluation = evaluation;
        this.network = parameters.network();
        this.penalty = new Regularization(settings.lambda, settings.lambda1, training.size());
        this.fingerprint = settings.fingerprint(network, training.size(), validation == null ? 0 : validation.size());
    }

    List<EpochReport> run() {
        TrainingOrder order = new TrainingOrder(training.size(), settings.miniBatchSize, settings.seed);
        SeededRandom dropoutRandom = new SeededRandom(settings.seed * DROPOUT_STREAM + 1);
        TrainingListener listener = settings.listener;
        Metric metric = settings.watching() ? settings.metric : null;
        TrainingState.Progress progress = TrainingState.Progress.START;
        Parameters checked = parameters.copy();
        Parameters best = null;
        List<EpochReport> history = new ArrayList<>();
        int m = order.miniBatchSize();
        int batches = order.batches();
        try (Backpropagation bp = Backpropagation.open(engine, network);
             BatchGatherer gatherer = new BatchGatherer(training, m, settings.gatherAhead && BatchGatherer.worthAThread())) {
            bp.setOptimizer(settings.optimizer);
            TrainingState resumed = settings.resume;
            if (resumed != null) {
                checkResumable(resumed);
                parameters.copyFrom(resumed.parameters());
                bp.setOptimizerState(resumed.optimizer());
                order.restore(resumed.order());
                dropoutRandom.restore(resumed.dropout());
                progress = resumed.progress();
                best = resumed.best();
                history.addAll(resumed.history());
                listener.resumed(List.copyOf(history));
            }
            bp.setParameters(parameters);
            float[][] masks = settings.dropout > 0 ? masks(m) : null;
            int epoch = history.size();
            while (epoch < settings.epochs && progress.stopped() == null) {
                epoch++;
                double eta = settings.learningRate * settings.schedule.factor(epoch) * progress.etaFactor();
                int[] examples = order.nextEpoch();
                long start = System.nanoTime();
                gatherer.startEpoch(examples);
                double lastBatchCost = 0;
                for (int batch = 0; batch < batches; batch++) {
                    int slot = gatherer.take(batch);
                    int rows = gatherer.rows(batch);
                    if (masks != null) {
                        Dropout.draw(dropoutRandom, settings.dropout, network, rows, masks);
                    }
                    bp.feedforward(gatherer.inputs(slot), 0, rows, masks);
                    bp.setTargets(gatherer.targets(slot), 0);
                    // Both are in the engine now: the slot may take the batch after next.
                    gatherer.release(batch);
                    if (batch == batches - 1) {
                        // One cost per epoch is enough to notice divergence, and keeps a device
                        // engine from synchronising with the host on every mini-batch.
                        lastBatchCost = bp.cost();
                    }
                    bp.step(warmedUp(eta, epoch, batch, batches), penalty);
                    listener.batchFinished(epoch, batch + 1, batches);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                bp.getParameters(checked);
                String problem = checked.firstNonFinite();
                if (problem == null && !Double.isFinite(lastBatchCost)) {
                    problem = "the cost of the last mini-batch became " + lastBatchCost;
                }
                if (problem != null) {
                    throw diverged(epoch, problem, best);
                }
                parameters.copyFrom(checked);
                EpochReport report = monitor(bp, epoch, seconds, eta);
                history.add(report);
                if (metric != null) {
                    double value = metric.of(report).orElse(Double.NaN);
                    if (Double.isNaN(value)) {
                        throw diverged(epoch, metric.id() + " became NaN", best);
                    }
                    boolean improved = metric.improves(value, progress.bestValue());
                    if (improved) {
                        best = best == null ? checked.copy() : best;
                        best.copyFrom(checked);
                    }
                    progress = advance(progress, improved, value, epoch);
                }
                listener.epochFinished(report);
                if (settings.checkpoints != null && (epoch % settings.checkpointEvery == 0
                        || epoch == settings.epochs || progress.stopped() != null)) {
                    save(new TrainingState(fingerprint, epoch, checked, bp.optimizerState(), order.state(),
                            dropoutRandom.state(), progress, best, history));
                }
            }
            boolean restore = metric != null && settings.restoreBest && best != null;
            if (restore) {
                parameters.copyFrom(best);
            }
            listener.trainingFinished(new TrainingOutcome(epoch, progress.stopped() == null ? TrainingOutcome.Reason.COMPLETED
                    : progress.stopped(), metric, progress.bestEpoch(), progress.bestValue(), restore));
        }
        return history;
    }

    /** Linear warm-up: the k-th step of the first w epochs takes η · k / (w · steps per epoch). */
    private double warmedUp(double eta, int epoch, int batch, int batches) {
        int warmUp = settings.warmUp;
        if (epoch > warmUp) {
            return eta;
        }
        long step = (long) (epoch - 1) * batches + batch + 1;
        return eta * step / ((double) warmUp * batches);
    }

    /** The counters after an epoch whose metric was {@code value}: the best, halving, early stopping. */
    private TrainingState.Progress advance(TrainingState.Progress p, boolean improved, double value, int epoch) {
        double bestValue = improved ? value : p.bestValue();
        int bestEpoch = improved ? epoch : p.bestEpoch();
        int sinceBest = improved ? 0 : p.sinceBest() + 1;
        int sinceHalving = improved ? 0 : p.sinceHalving() + 1;
        double factor = p.etaFactor();
        TrainingOutcome.Reason stopped = null;
        Schedule schedule = settings.schedule;
        if (schedule.isHalving() && sinceHalving >= schedule.patience()) {
            // The book: halve η after n epochs without improvement; stop once it is η₀/128.
            factor /= 2;
            sinceHalving = 0;
            if (factor <= Schedule.HALVING_FLOOR) {
                stopped = TrainingOutcome.Reason.LEARNING_RATE_EXHAUSTED;
            }
        }
        if (settings.patience > 0 && sinceBest >= settings.patience) {
            stopped = TrainingOutcome.Reason.EARLY_STOPPING;
        }
        return new TrainingState.Progress(factor, bestValue, bestEpoch, sinceBest, sinceHalving, stopped);
    }

    /** The divergence error; the caller's parameters keep the best epoch's values when there is one. */
    private TrainingDivergedException diverged(int epoch, String problem, Parameters best) {
        if (best != null && settings.restoreBest) {
            parameters.copyFrom(best);
        }
        return new TrainingDivergedException(epoch, settings.learningRate, problem);
    }

    private void checkResumable(TrainingState state) {
        if (!state.settings().equals(fingerprint)) {
            throw new IllegalArgumentException("the checkpoint was written by a run with other settings, so resuming "
                    + "would not continue it; checkpoint: " + state.settings() + "; this run: " + fingerprint);
        }
        if (state.epoch() >= settings.epochs && state.progress().stopped() == null) {
            throw new IllegalArgumentException("the checkpoint is after epoch " + state.epoch() + " and this run has "
                    + settings.epochs + " epochs: nothing is left to train; ask for more epochs");
        }
        if (!state.parameters().network().equals(network)) {
            throw new IllegalArgumentException("the checkpoint holds parameters of " + state.parameters().network()
                    + ", not of " + network);
        }
    }

    private void save(TrainingState state) {
        try {
            settings.checkpoints.save(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint after epoch " + state.epoch() + ": "
                    + e.getMessage(), e);
        }
    }

    /** One mask array per hidden layer, sized for a full mini-batch (the last one uses a prefix). */
    private float[][] masks(int m) {
        float[][] masks = new float[network.depth() - 1][];
        for (int l = 0; l < masks.length; l++) {
            masks[l] = new float[m * network.layer(l).width()];
        }
        return masks;
    }

    private EpochReport monitor(Backpropagation bp, int epoch, double seconds, double eta) {
        double regularisation = penalty.penalty(parameters);
        boolean trainingCost = settings.monitorTrainingCost || settings.watches(Metric.TRAINING_COST);
        boolean trainingAccuracy = settings.monitorTrainingAccuracy || settings.watches(Metric.TRAINING_ACCURACY);
        OptionalDouble[] t = measure(bp, trainingCost || trainingAccuracy ? training : null, trainingCost,
                trainingAccuracy, regularisation);
        OptionalDouble[] e = measure(bp, evaluation, settings.monitorEvaluationCost, settings.monitorEvaluationAccuracy,
                regularisation);
        OptionalDouble[] v = measure(bp, validation, true, true, regularisation);
        return new EpochReport(epoch, settings.epochs, seconds, t[0], t[1], e[0], e[1], v[0], v[1], eta);
    }

    /** {cost + the penalty, accuracy} of {@code data}, each empty when not asked for (or no data). */
    private static OptionalDouble[] measure(Backpropagation bp, Dataset data, boolean cost, boolean accuracy,
                                            double regularisation) {
        OptionalDouble[] result = {OptionalDouble.empty(), OptionalDouble.empty()};
        if (data == null || !(cost || accuracy)) {
            return result;
        }
        Evaluation e = Evaluator.evaluate(bp, data);
        if (cost) {
            result[0] = OptionalDouble.of(e.cost() + regularisation);
        }
        if (accuracy) {
            result[1] = e.accuracy();
        }
        return result;
    }
}
