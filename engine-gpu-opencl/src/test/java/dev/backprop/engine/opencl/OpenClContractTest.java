package dev.backprop.engine.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.Backpropagation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.Network;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;
import dev.backprop.tck.EngineChecks;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SPI's contract beyond the numbers: bad arguments fail with the exception and words of the
 * SPI's {@code Checks} before any output is touched; foreign and closed use is refused; close()
 * is idempotent and releases everything; custom functions are refused.
 */
class OpenClContractTest {
    private static OpenClEngineProvider provider;
    private static Engine engine;

    @BeforeAll
    static void open() {
        provider = OpenClRuntime.require();
        engine = provider.open();
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void badArgumentsAreRefusedWithTheWordsOfChecksBeforeAnyOutputIsTouched() {
        // allocate(65536, 65536) among them: Checks.allocate refuses before any device limit matters.
        assertTrue(new EngineChecks(engine).refusals() >= 60, "fewer bad calls than expected were refused");
    }

    @Test
    void aMatrixOfAnotherEngineIsRefused() {
        try (Engine other = provider.open()) {
            assertTrue(new EngineChecks(engine).foreignMatrices(other) > 0);
        }
    }

    @Test
    void closeTwiceIsFineAndEveryCallAfterCloseIsAnIllegalStateException() {
        assertTrue(new EngineChecks(provider.open()).afterClose() > 0);
    }

    @Test
    void customActivationsAndCostsAreRefusedBeforeAnyArithmetic() {
        // The kit's own custom functions: the device runs only the built-ins it has codes for.
        Activation custom = EngineChecks.CUSTOM_ACTIVATION;
        Cost customCost = EngineChecks.CUSTOM_COST;
        assertFalse(engine.supports(custom));
        assertFalse(engine.supports(customCost));
        for (Activations f : Activations.values()) {
            assertTrue(engine.supports(f), f.id());
        }
        for (Costs c : Costs.values()) {
            assertTrue(engine.supports(c), c.id());
        }
        Network withCustom = Network.builder(3).layer(4, custom).layer(2, Activations.SIGMOID)
                .cost(Costs.QUADRATIC).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backpropagation.open(engine, withCustom));
        assertTrue(e.getMessage().contains("cannot compute activation '" + custom.id() + "'"), e.getMessage());
        Network withCustomCost = Network.builder(3).layer(2, Activations.SIGMOID).cost(customCost).build();
        e = assertThrows(IllegalArgumentException.class, () -> Backpropagation.open(engine, withCustomCost));
        assertTrue(e.getMessage().contains("cannot compute cost '" + customCost.id() + "'"), e.getMessage());
        // Called directly, the operations refuse them too (never wrong numbers).
        Matrix a = engine.allocate(2, 3);
        e = assertThrows(IllegalArgumentException.class, () -> engine.feedforward(engine.allocate(3, 3),
                engine.allocate(1, 3), a, engine.allocate(2, 3), engine.allocate(2, 3), custom));
        assertTrue(e.getMessage().contains("built-in activations"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> engine.cost(customCost, a, engine.allocate(2, 3)));
        assertTrue(e.getMessage().contains("built-in costs"), e.getMessage());
    }

    @Test
    void openAndClose50TimesLeavesNoOpenClObjectBehind() {
        Cl cl = OpenClRuntime.binding();
        int before = cl.liveObjects();
        List<Integer> during = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            try (Engine e = provider.open()) {
                Matrix w = e.allocate(4, 3);
                Matrix x = e.allocate(2, 3);
                Matrix z = e.allocate(2, 4);
                Matrix a = e.allocate(2, 4);
                e.write(w, new float[12]);
                e.write(x, new float[6]);
                e.write(x, new float[6]); // a second write waits for, and releases, the first one's event
                e.feedforward(w, e.allocate(1, 4), x, z, a, Activations.SIGMOID);
                e.cost(Costs.QUADRATIC, a, z);
                during.add(cl.liveObjects() - before);
            }
        }
        assertEquals(before, cl.liveObjects(), "OpenCL objects still alive after 50 open/close cycles");
        // Context, queue, 2 programs (large and small block), 8 + 3 + 5 kernels (the last five:
        // chapter 3's steps), 5 buffers, 2 pending write events, the cost's buffer.
        assertEquals(28, during.getFirst(), "live objects while one engine was open");
    }
}
