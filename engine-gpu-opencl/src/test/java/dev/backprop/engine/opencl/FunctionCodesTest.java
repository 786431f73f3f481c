package dev.backprop.engine.opencl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.tck.EngineChecks;

import java.lang.foreign.MemorySegment;
import java.util.HashSet;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The numbers of the built-in functions come from one place: every constant of Activations and
 * Costs, including any added later, has its own number and a build option naming it, and the
 * kernel sources define none themselves. No OpenCL runtime is needed.
 */
class FunctionCodesTest {
    @Test
    void everyBuiltInHasItsOwnNumberAndABuildOption() {
        assertOwnNumbers("ACT_", Activations.values(), f -> FunctionCodes.activation(f, "test"));
        assertOwnNumbers("COST_", Costs.values(), c -> FunctionCodes.cost(c, "test"));
    }

    private static <E extends Enum<E>> void assertOwnNumbers(String prefix, E[] constants, ToIntFunction<E> number) {
        Set<Integer> numbers = new HashSet<>();
        String options = FunctionCodes.defines() + " ";
        for (E constant : constants) {
            int n = number.applyAsInt(constant);
            assertTrue(numbers.add(n), constant + " shares number " + n);
            assertTrue(options.contains("-D " + prefix + constant.name() + "=" + n + " "), options);
        }
    }

    @Test
    void theKernelSourcesDefineNoNumberOfTheirOwn() {
        assertFalse(Pattern.compile("#define\\s+(ACT|COST)_").matcher(Kernels.source()).find(),
                "a kernel source repeats a number that FunctionCodes gives as a build option");
        DeviceInfo anyDevice = new DeviceInfo(0, MemorySegment.NULL, "platform", "OpenCL 1.2", MemorySegment.NULL, "device",
                ClConstants.CL_DEVICE_TYPE_GPU, "OpenCL 1.2", "OpenCL C 1.2", 1, 256, new long[] {256, 256, 256}, 32768,
                1L << 30, 1L << 28, true, true, false, false);
        assertTrue(Kernels.options(anyDevice, Tile.smallest()).contains(FunctionCodes.defines()));
    }

    @Test
    void customFunctionsAreRefusedNamingTheBuiltIns() {
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> FunctionCodes.activation(EngineChecks.CUSTOM_ACTIVATION, "feedforward"));
        assertTrue(a.getMessage().startsWith("feedforward: the opencl engine computes only the built-in activations "
                + "(sigmoid, tanh, relu, identity, softmax) on the device, not 'tck-softsign'"), a.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> FunctionCodes.cost(EngineChecks.CUSTOM_COST, "cost"));
        assertTrue(c.getMessage().startsWith("cost: the opencl engine computes only the built-in costs "
                + "(quadratic, cross-entropy, log-likelihood) on the device, not 'tck-quartic'"), c.getMessage());
    }
}
