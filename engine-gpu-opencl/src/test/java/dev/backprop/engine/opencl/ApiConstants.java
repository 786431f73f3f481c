package dev.backprop.engine.opencl;

import dev.backprop.Activation;
import dev.backprop.Cost;

/**
 * Works around a class-initialisation cycle in api: {@code BuiltinCost} implements {@code Cost},
 * which has default methods, so initialising the enum first initialises the interface, whose
 * constants ({@code Cost.QUADRATIC = BuiltinCost.QUADRATIC}) then read the enum's fields while they
 * are still null, and stay null for the JVM's life. The same holds for {@code Activation}. Then
 * {@code BuiltinCost.CROSS_ENTROPY.outputError} no longer recognises sigmoid ({@code f ==
 * Activation.SIGMOID}) and the reference engine computes BP1 by the general formula.
 *
 * <p>Every test class calls {@link #ready()} from its static initialiser, so the interfaces are
 * initialised before anything touches the enums, and a run where that was too late fails loudly.
 */
final class ApiConstants {
    private ApiConstants() {
    }

    static boolean ready() {
        if (Activation.SIGMOID == null || Cost.QUADRATIC == null) {
            throw new AssertionError("dev.backprop.Activation / Cost constants are null: BuiltinActivation or BuiltinCost "
                    + "was initialised before its interface (api class-initialisation cycle), so the reference engine's "
                    + "BP1 no longer recognises the cancelling pairs");
        }
        return true;
    }
}
