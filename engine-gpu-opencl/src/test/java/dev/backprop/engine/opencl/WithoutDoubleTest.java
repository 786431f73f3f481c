package dev.backprop.engine.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.tck.EngineChecks;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernels' other path: a device without cl_khr_fp64 (many integrated and mobile GPUs) sums
 * the cost and softmax's normaliser in float, and one without correctly rounded division uses
 * OpenCL's plain '/'. PoCL has both, so the same device is presented here with them switched off.
 */
class WithoutDoubleTest {
    private static OpenClEngine engine;
    private static EngineChecks checks;

    @BeforeAll
    static void open() {
        OpenClRuntime.require();
        Probe probe = Probe.get();
        DeviceInfo d = probe.chosen;
        DeviceInfo plain = new DeviceInfo(d.index(), d.platform(), d.platformName(), d.platformVersion(), d.device(), d.name(),
                d.type(), d.version(), d.openClCVersion(), d.computeUnits(), d.maxWorkGroupSize(), d.maxWorkItemSizes(),
                d.localMemory(), d.globalMemory(), d.maxAllocation(), d.available(), d.compilerAvailable(), false, false);
        engine = new OpenClEngine(probe.cl, plain);
        checks = new EngineChecks(engine);
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theEngineSaysItSumsInFloat() {
        assertTrue(engine.describe().endsWith("cost in float"), engine.describe());
    }

    @Test
    void costsAndSoftmaxMatchTheOracleWithFloatSums() {
        Object[][] legal = {{Costs.QUADRATIC, Activations.SIGMOID}, {Costs.QUADRATIC, Activations.TANH},
            {Costs.CROSS_ENTROPY, Activations.SIGMOID}, {Costs.LOG_LIKELIHOOD, Activations.SOFTMAX}};
        for (Object[] pair : legal) {
            for (int[] s : new int[][] {{1, 1}, {3, 10}, {100, 10}, {31, 257}}) {
                assertTrue(checks.cost((Cost) pair[0], (Activation) pair[1], s[0], s[1], s[1]) <= 1);
                assertTrue(checks.outputError((Cost) pair[0], (Activation) pair[1], s[0], s[1], s[0]) <= 1);
            }
        }
        for (int[] s : new int[][] {{1, 1, 1}, {7, 17, 10}, {33, 64, 257}}) {
            assertTrue(checks.feedforward(Activations.SOFTMAX, s[0], s[1], s[2], 3) <= 1);
        }
    }

    @Test
    void divisionsMatchTheOracleWithoutCorrectRounding() {
        for (int[] s : new int[][] {{1, 1, 1}, {7, 17, 10}, {100, 300, 30}}) {
            assertTrue(checks.feedforward(Activations.SIGMOID, s[0], s[1], s[2], 1) <= 1);
            assertTrue(checks.biasGradient(s[0], s[2], 2) <= 1);
            assertTrue(checks.weightGradient(s[0], s[2], s[1], 3) <= 1);
        }
    }
}
