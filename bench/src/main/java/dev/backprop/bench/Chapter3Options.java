package dev.backprop.bench;

import dev.backprop.Metric;
import dev.backprop.Optimizer;
import dev.backprop.Schedule;
import dev.backprop.Trainer;
import dev.backprop.TrainingListener;
import dev.backprop.TrainingState;
import dev.backprop.io.Checkpoint;
import dev.backprop.io.LearningCurves;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The training options of chapter 3 that {@code mnist} and {@code train --csv} share: the
 * optimiser and its hyper-parameters, L1, dropout, the η schedule and warm-up, validation, early
 * stopping, checkpoints, resuming and the learning-curve plot. Read from {@link Options} into a
 * {@link Trainer.Builder}; mistakes become {@link UsageException}s.
 */
final class Chapter3Options {
    static final Set<String> VALUED = Set.of("--optimizer", "--momentum", "--beta1", "--beta2", "--epsilon", "--rho",
            "--weight-decay", "--l1", "--dropout", "--schedule", "--warmup", "--validation", "--early-stop", "--metric",
            "--checkpoint", "--checkpoint-every", "--resume", "--plot");
    static final Set<String> FLAGS = Set.of("--keep-last");
    /** The optimisers' hyper-parameters, as {@link Optimizer#of} names them (each an option with "--"). */
    private static final List<String> HYPER_PARAMETERS = List.of("momentum", "beta1", "beta2", "epsilon",
            "weight-decay", "rho");

    final Optimizer optimizer;
    final double l1;
    final double dropout;
    final Schedule schedule;
    final int warmUp;
    final double validation;
    final int earlyStop;
    final Metric metric;
    final boolean restoreBest;
    final Path checkpoint;
    final int checkpointEvery;
    final Path resume;
    final Path plot;

    Chapter3Options(Options o) {
        optimizer = optimizer(o);
        l1 = nonNegative(o, "--l1", 0);
        dropout = o.number("--dropout", 0);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new UsageException("--dropout is the probability p of dropping a hidden neuron, in [0, 1) (the book: 0.5), "
                    + "got " + dropout);
        }
        schedule = schedule(o.string("--schedule", "constant"));
        warmUp = o.integer("--warmup", 0, 0);
        validation = o.number("--validation", 0);
        if (!(validation >= 0 && validation < 1)) {
            throw new UsageException("--validation is the share of the training data held back, in [0, 1), got " + validation);
        }
        earlyStop = o.integer("--early-stop", 0, 0);
        try {
            metric = Metric.byId(o.string("--metric", Metric.VALIDATION_ACCURACY.id()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--metric: " + e.getMessage());
        }
        if ((earlyStop > 0 || schedule.isHalving()) && metric.needsValidation() && validation == 0) {
            throw new UsageException((earlyStop > 0 ? "--early-stop" : "--schedule halving") + " watches " + metric.id()
                    + ": add --validation F (the book holds back a sixth: 0.17), or --metric training-cost");
        }
        restoreBest = !o.has("--keep-last");
        resume = o.has("--resume") ? Path.of(o.string("--resume", null)) : null;
        if (resume != null && !Checkpoint.exists(resume)) {
            throw new UsageException("--resume " + resume + ": no " + Checkpoint.FILE + " there; pass the directory a run with "
                    + "--checkpoint DIR wrote");
        }
        checkpoint = o.has("--checkpoint") ? Path.of(o.string("--checkpoint", null)) : resume;
        checkpointEvery = o.integer("--checkpoint-every", 1, 1);
        plot = o.has("--plot") ? Path.of(o.string("--plot", null)) : null;
        if (plot != null && plot.toAbsolutePath().getParent() != null && !Files.isDirectory(plot.toAbsolutePath().getParent())) {
            throw new UsageException("--plot " + plot + ": directory " + plot.toAbsolutePath().getParent() + " does not exist");
        }
    }

    /** Sets everything on {@code trainer}; reads the checkpoint to resume from and creates the checkpoint directory. */
    Trainer.Builder apply(Trainer.Builder trainer) throws IOException {
        trainer.optimizer(optimizer).lambda1(l1).dropout(dropout).schedule(schedule).warmUp(warmUp).earlyStopping(earlyStop)
                .watch(metric).restoreBest(restoreBest);
        if (checkpoint != null) {
            Files.createDirectories(checkpoint);
            trainer.checkpoint(Checkpoint.in(checkpoint), checkpointEvery);
        }
        if (resume != null) {
            TrainingState state = Checkpoint.load(resume);
            trainer.resume(state);
        }
        return trainer;
    }

    /** The progress bar, behind the learning curves when --plot is given. */
    TrainingListener listener(TrainingListener progress, String title) {
        return plot == null ? progress : LearningCurves.writingTo(plot, title).andThen(progress);
    }

    /** "optimizer adam(…), L1 λ₁ = 0.1, dropout 0.5, schedule halving:10, …": only what differs from chapter 1. */
    String describe() {
        StringBuilder s = new StringBuilder("optimizer " + optimizer);
        if (l1 > 0) {
            s.append(", L1 λ₁ = ").append(l1);
        }
        if (dropout > 0) {
            s.append(", dropout p = ").append(dropout);
        }
        if (!schedule.equals(Schedule.constant()) || warmUp > 0) {
            s.append(", schedule ").append(schedule).append(warmUp > 0 ? ", warm-up " + warmUp + " epochs" : "");
        }
        if (validation > 0) {
            s.append(", validation ").append(validation);
        }
        if (earlyStop > 0 || schedule.isHalving()) {
            s.append(", watching ").append(metric.id()).append(earlyStop > 0 ? ", early stop after " + earlyStop : "");
        }
        return s.toString();
    }

    private static Optimizer optimizer(Options o) {
        String name = o.string("--optimizer", "sgd");
        Set<String> asked = new LinkedHashSet<>();
        Optimizer rule;
        try {
            rule = Optimizer.of(name, (hyperParameter, standard) -> {
                asked.add(hyperParameter);
                return o.number("--" + hyperParameter, standard);
            });
        } catch (IllegalArgumentException e) {
            throw new UsageException("--optimizer " + name + ": " + e.getMessage());
        }
        // A hyper-parameter the rule did not ask for would be ignored without a word: refuse it.
        for (String hyperParameter : HYPER_PARAMETERS) {
            if (o.has("--" + hyperParameter) && !asked.contains(hyperParameter)) {
                throw new UsageException("--" + hyperParameter + " is not a hyper-parameter of " + name
                        + (asked.isEmpty() ? ", which takes none" : ", which takes --" + String.join(", --", asked))
                        + "; choose the optimizer with --optimizer");
            }
        }
        return rule;
    }

    /** "constant", "step:K:F", "exponential:G", "halving" or "halving:N". */
    static Schedule schedule(String spec) {
        String[] parts = spec.split(":", -1);
        try {
            switch (parts[0]) {
                case "constant":
                    if (parts.length == 1) {
                        return Schedule.constant();
                    }
                    break;
                case "step":
                    if (parts.length == 3) {
                        return Schedule.step(Integer.parseInt(parts[1].trim()), Double.parseDouble(parts[2].trim()));
                    }
                    break;
                case "exponential":
                    if (parts.length == 2) {
                        return Schedule.exponential(Double.parseDouble(parts[1].trim()));
                    }
                    break;
                case "halving":
                    if (parts.length <= 2) {
                        return Schedule.halving(parts.length == 1 ? 10 : Integer.parseInt(parts[1].trim()));
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            throw new UsageException("--schedule " + spec + ": " + e.getMessage() + "; " + SCHEDULES);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--schedule " + spec + ": " + e.getMessage());
        }
        throw new UsageException("--schedule: unknown schedule '" + spec + "'; " + SCHEDULES);
    }

    private static final String SCHEDULES = "the schedules are constant, step:K:F (η × F every K epochs), "
            + "exponential:G (η × G each epoch) and halving[:N] (the book's: halve after N epochs without improvement, "
            + "stop at η₀/128; N = 10)";

    private static double nonNegative(Options o, String name, double fallback) {
        double value = o.number(name, fallback);
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new UsageException(name + " must be finite and at least 0, got " + value);
        }
        return value;
    }
}
