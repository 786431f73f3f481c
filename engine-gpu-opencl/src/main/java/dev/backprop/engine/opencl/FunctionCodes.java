package dev.backprop.engine.opencl;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;

import java.util.StringJoiner;

/**
 * The numbers by which the kernels know the built-in activations and costs, written once, here:
 * the engine passes them as kernel arguments, and {@link #defines()} hands the same numbers to the
 * compiler as build options ({@code -D ACT_SIGMOID=0 …}), so the kernel sources declare none.
 *
 * <p>The mappings are switch expressions without a default: a constant added to
 * {@link Activations} or {@link Costs} does not compile here until it has a number. The kernels'
 * own switches end in a branch that writes NaN, so a number without a formula in the kernels
 * gives results that every comparison with the oracle rejects, never plausible ones.
 */
final class FunctionCodes {
    private FunctionCodes() {
    }

    static int activation(Activations f) {
        return switch (f) {
            case SIGMOID -> 0;
            case TANH -> 1;
            case RELU -> 2;
            case IDENTITY -> 3;
            case SOFTMAX -> 4;
        };
    }

    static int cost(Costs c) {
        return switch (c) {
            case QUADRATIC -> 0;
            case CROSS_ENTROPY -> 1;
            case LOG_LIKELIHOOD -> 2;
        };
    }

    /** The kernels' number for {@code f}; a custom activation cannot run on the device. */
    static int activation(Activation f, String operation) {
        if (f instanceof Activations builtin) {
            return activation(builtin);
        }
        throw notBuiltIn(operation, "activations", Activations.values(), f.id());
    }

    /** The kernels' number for {@code c}; a custom cost cannot run on the device. */
    static int cost(Cost c, String operation) {
        if (c instanceof Costs builtin) {
            return cost(builtin);
        }
        throw notBuiltIn(operation, "costs", Costs.values(), c.id());
    }

    private static IllegalArgumentException notBuiltIn(String operation, String kind, Enum<?>[] builtIns, String id) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        for (Enum<?> b : builtIns) {
            names.add(b.toString());
        }
        return new IllegalArgumentException(operation + ": the opencl engine computes only the built-in " + kind + " "
                + names + " on the device, not '" + id + "'; use an engine that runs custom " + kind
                + ", such as ref (-Dbackprop.engine=ref)");
    }

    /** {@code -D ACT_<NAME>=<number>} for every activation and {@code -D COST_<NAME>=<number>} for every cost. */
    static String defines() {
        StringBuilder options = new StringBuilder();
        for (Activations f : Activations.values()) {
            options.append(" -D ACT_").append(f.name()).append('=').append(activation(f));
        }
        for (Costs c : Costs.values()) {
            options.append(" -D COST_").append(c.name()).append('=').append(cost(c));
        }
        return options.toString().strip();
    }
}
