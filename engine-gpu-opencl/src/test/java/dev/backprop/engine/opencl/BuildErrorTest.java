package dev.backprop.engine.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activations;
import dev.backprop.tck.EngineChecks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A kernel that does not compile surfaces as a ClException naming clBuildProgram, with the compiler's log. */
class BuildErrorTest {

    @BeforeAll
    static void requireOpenCl() {
        OpenClRuntime.require();
    }

    @Test
    void aSyntaxErrorCarriesTheBuildLog() {
        Probe probe = Probe.get();
        int before = probe.cl.liveObjects();
        try (ClContext context = ClContext.create(probe.cl, probe.chosen)) {
            ClException e = assertThrows(ClException.class, () -> ClProgram.build(context,
                    "__kernel void broken(__global float* x) {\n    x[0] = undefined_thing;\n}\n", ""));
            assertEquals("clBuildProgram", e.call());
            assertEquals(-11, e.code());
            assertTrue(e.getMessage().startsWith("clBuildProgram failed: -11 CL_BUILD_PROGRAM_FAILURE"), e.getMessage());
            assertTrue(e.buildLog().contains("undefined_thing"), "build log: " + e.buildLog());
            assertTrue(e.getMessage().contains("build log:\n") && e.getMessage().contains("undefined_thing"), e.getMessage());
        }
        assertEquals(before, probe.cl.liveObjects(), "the failed program was not released");
    }

    @Test
    void theEnginesOwnSourceBuildsAndAnUnknownKernelIsNamed() {
        Probe probe = Probe.get();
        try (ClContext context = ClContext.create(probe.cl, probe.chosen);
             ClProgram program = ClProgram.build(context, Kernels.source(), Kernels.options(probe.chosen, Tile.smallest()))) {
            ClException e = assertThrows(ClException.class, () -> program.kernel("no_such_kernel"));
            assertEquals(-46, e.code());
            assertTrue(e.getMessage().contains("clCreateKernel(no_such_kernel)") && e.getMessage().contains("CL_INVALID_KERNEL_NAME"),
                    e.getMessage());
            assertEquals("", e.buildLog());
        }
    }

    @Test
    void everyBlockSizeBuildsAndMatchesTheOracle() {
        // The engine picks the largest block the device allows (64x16x4 here) and 16x8x2 for small
        // results; OpenClEngineTest covers those two. The others are fallbacks for smaller
        // devices, so check each of them here by forcing it.
        String old = System.getProperty(Tile.PROPERTY);
        try {
            for (String tile : new String[] {"32x16x2", "32x8x4", "8x8x1", "4x4x1"}) {
                System.setProperty(Tile.PROPERTY, tile);
                try (OpenClEngine engine = (OpenClEngine) new OpenClEngineProvider().open()) {
                    assertTrue(engine.describe().contains("block " + tile), engine.describe());
                    EngineChecks checks = new EngineChecks(engine);
                    for (int[] s : new int[][] {{1, 1, 1}, {17, 33, 65}, {70, 3, 129}}) {
                        checks.feedforward(Activations.SIGMOID, s[0], s[1], s[2], 1);
                        checks.backpropagate(Activations.TANH, s[0], s[2], s[1], 2);
                        checks.weightGradient(s[0], s[1], s[2], 3);
                    }
                }
            }
        } finally {
            if (old == null) {
                System.clearProperty(Tile.PROPERTY);
            } else {
                System.setProperty(Tile.PROPERTY, old);
            }
        }
    }

    @Test
    void smallResultsTakeTheSmallBlockAndLargeOnesTheLarge() {
        Probe probe = Probe.get();
        try (ClContext context = ClContext.create(probe.cl, probe.chosen);
             java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined();
             Kernels kernels = Kernels.build(context, arena)) {
            if (kernels.small == kernels.large) {
                return; // a device whose largest block is 16×16 or smaller has only one
            }
            assertEquals(16, kernels.small.tile().size());
            assertTrue(kernels.large.tile().size() > 16);
            assertEquals(kernels.large, kernels.forResult(1000, 1024), "[784,1024,1024,10] batch 1000, hidden layers");
            assertEquals(kernels.large, kernels.forResult(100, 300));
            assertEquals(kernels.small, kernels.forResult(10, 30), "[784,30,10] batch 10, the hidden layer");
            assertEquals(kernels.small, kernels.forResult(1000, 10), "an output layer of 10");
            assertEquals(kernels.small, kernels.forResult(1, 1));
        }
    }

    @Test
    void aMalformedBlockPropertyIsRefusedWithTheExpectedForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tile.parse("64x16"));
        assertTrue(e.getMessage().contains("32x16x2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tile.parse("64x16x3"));
        assertThrows(IllegalArgumentException.class, () -> Tile.parse("0x16x1"));
    }
}
