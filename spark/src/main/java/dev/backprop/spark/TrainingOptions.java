package dev.backprop.spark;

import dev.backprop.Schedule;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link TrainMnist}'s options of chapter 3: the optimiser and its hyper-parameters, L1, dropout,
 * the η schedule and the warm-up, with the names and defaults of the command line
 * ({@code ./backprop mnist --help}). The values are checked by {@link SparkTrainer.Builder}
 * (that is, by {@link dev.backprop.Trainer}'s rules), and a refusal names the option.
 */
final class TrainingOptions {
    static final Set<String> NAMES = Set.of("--optimizer", "--momentum", "--beta1", "--beta2", "--epsilon", "--rho",
            "--weight-decay", "--l1", "--dropout", "--schedule", "--warmup");
    /** Which rules take each hyper-parameter: given to another rule, it would be ignored, so it is refused. */
    private static final Map<String, Set<String>> TAKEN_BY = Map.of(
            "--momentum", Set.of("momentum", "nesterov"),
            "--beta1", Set.of("adam", "adamw"),
            "--beta2", Set.of("adam", "adamw"),
            "--epsilon", Set.of("adam", "adamw", "rmsprop"),
            "--weight-decay", Set.of("adamw"),
            "--rho", Set.of("rmsprop"));

    private TrainingOptions() {
    }

    /**
     * Sets the options found in {@code options} on {@code builder}.
     *
     * @throws IllegalArgumentException naming the option, for a value that is not a number, out of
     *     range, or meant for another optimiser
     */
    static SparkTrainer.Builder apply(Map<String, String> options, SparkTrainer.Builder builder) {
        String rule = options.getOrDefault("--optimizer", "sgd");
        for (Map.Entry<String, Set<String>> option : TAKEN_BY.entrySet()) {
            if (options.containsKey(option.getKey()) && !option.getValue().contains(rule)) {
                List<String> rules = option.getValue().stream().sorted().toList();
                throw new IllegalArgumentException(option.getKey() + " is a hyper-parameter of "
                        + String.join(", ", rules.subList(0, rules.size() - 1)) + " and " + rules.get(rules.size() - 1)
                        + ", not of " + rule + "; choose the optimizer with --optimizer");
            }
        }
        // Numbers first, so that a refusal of one names its own option.
        OptimizerSpec spec = new OptimizerSpec(rule, number(options, "--momentum", 0.9), number(options, "--beta1", 0.9),
                number(options, "--beta2", 0.999), number(options, "--epsilon", 1e-8),
                rule.equals("adamw") ? number(options, "--weight-decay", 0.01) : 0, number(options, "--rho", 0.9));
        double l1 = number(options, "--l1", 0);
        double dropout = number(options, "--dropout", 0);
        int warmUp = whole(options, "--warmup");
        String schedule = options.getOrDefault("--schedule", "constant");
        checked("--optimizer", rule, () -> builder.optimizer(spec.optimizer()));
        checked("--l1", l1, () -> builder.lambda1(l1));
        checked("--dropout", dropout, () -> builder.dropout(dropout));
        checked("--schedule", schedule, () -> builder.schedule(schedule(schedule)));
        checked("--warmup", warmUp, () -> builder.warmUp(warmUp));
        return builder;
    }

    /** Runs a setter; its refusal comes back with the option and the value in front. */
    private static void checked(String option, Object value, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + value + ": " + e.getMessage(), e);
        }
    }

    /** "constant", "step:K:F", "exponential:G" (and "halving[:N]", which the builder refuses with its reason). */
    static Schedule schedule(String spec) {
        String[] parts = spec.split(":", -1);
        try {
            if (parts[0].equals("constant") && parts.length == 1) {
                return Schedule.constant();
            }
            if (parts[0].equals("step") && parts.length == 3) {
                return Schedule.step(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]));
            }
            if (parts[0].equals("exponential") && parts.length == 2) {
                return Schedule.exponential(Double.parseDouble(parts[1]));
            }
            if (parts[0].equals("halving") && parts.length <= 2) {
                return Schedule.halving(parts.length == 1 ? 10 : Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below, with the forms
        }
        throw new IllegalArgumentException("the schedules are constant, step:K:F (η × F every K epochs) and "
                + "exponential:G (η × G each epoch)");
    }

    private static double number(Map<String, String> options, String name, double otherwise) {
        String value = options.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got '" + value + "'", e);
        }
    }

    private static int whole(Map<String, String> options, String name) {
        String value = options.getOrDefault(name, "0");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'", e);
        }
    }
}
