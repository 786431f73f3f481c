package dev.backprop.engine.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.backprop.engine.ref.RefEngineProvider;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SPI's contract beyond the numbers: bad arguments fail as the reference engine fails (same
 * exception, same message from {@code Checks}) before any output is touched; foreign and closed
 * use is refused; close() is idempotent and releases everything; custom functions are refused.
 */
class OpenClContractTest {
    private static OpenClEngineProvider provider;
    private static Engine engine;
    private static Engine ref;

    @BeforeAll
    static void open() {
        provider = OpenClRuntime.require();
        engine = provider.open();
        ref = new RefEngineProvider().open();
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
        if (ref != null) {
            ref.close();
        }
    }

    /** One operation applied to six matrices (the unused ones ignored), the way both engines get it. */
    private interface Operation {
        void run(Engine e, Matrix[] m);
    }

    private record Case(String name, int[][] shapes, int[] outputs, Operation op) {
    }

    /** Each operation with a consistent set of shapes (m = 3, in = 4, out = 5) and which arguments it writes. */
    private static List<Case> cases() {
        Activation f = Activations.TANH;
        return List.of(
                new Case("feedforward", new int[][] {{5, 4}, {1, 5}, {3, 4}, {3, 5}, {3, 5}}, new int[] {3, 4},
                        (e, m) -> e.feedforward(m[0], m[1], m[2], m[3], m[4], f)),
                new Case("outputError", new int[][] {{3, 5}, {3, 5}, {3, 5}, {3, 5}}, new int[] {3},
                        (e, m) -> e.outputError(Costs.QUADRATIC, f, m[0], m[1], m[2], m[3])),
                new Case("backpropagate", new int[][] {{5, 4}, {3, 5}, {3, 4}, {3, 4}}, new int[] {3},
                        (e, m) -> e.backpropagate(m[0], m[1], m[2], f, m[3])),
                new Case("biasGradient", new int[][] {{3, 5}, {1, 5}}, new int[] {1},
                        (e, m) -> e.biasGradient(m[0], m[1])),
                new Case("weightGradient", new int[][] {{3, 5}, {3, 4}, {5, 4}}, new int[] {2},
                        (e, m) -> e.weightGradient(m[0], m[1], m[2])),
                new Case("update", new int[][] {{5, 4}, {5, 4}}, new int[] {0},
                        (e, m) -> e.update(m[0], m[1], 0.5f, 0.01f)),
                new Case("cost", new int[][] {{3, 5}, {3, 5}}, new int[0],
                        (e, m) -> e.cost(Costs.QUADRATIC, m[0], m[1])));
    }

    private static Matrix[] allocate(Engine e, int[][] shapes, float fill) {
        Matrix[] m = new Matrix[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            m[i] = e.allocate(shapes[i][0], shapes[i][1]);
            float[] values = new float[m[i].size()];
            Arrays.fill(values, fill);
            e.write(m[i], values);
        }
        return m;
    }

    /** What a call did: null when it returned, else the exception's class and message. */
    private static String outcome(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Test
    void eachWrongShapeFailsWithTheReferenceMessageBeforeAnyOutputIsTouched() {
        int checked = 0;
        for (Case c : cases()) {
            for (int arg = 0; arg < c.shapes.length; arg++) {
                for (int axis = 0; axis < 2; axis++) {
                    int[][] shapes = Arrays.stream(c.shapes).map(int[]::clone).toArray(int[][]::new);
                    shapes[arg][axis]++;
                    Matrix[] mine = allocate(engine, shapes, 0.25f);
                    Matrix[] theirs = allocate(ref, shapes, 0.25f);
                    String expected = outcome(() -> c.op.run(ref, theirs));
                    String actual = outcome(() -> c.op.run(engine, mine));
                    assertEquals(expected, actual, c.name + " with argument " + arg + " reshaped to " + shapes[arg][0] + "×"
                            + shapes[arg][1]);
                    if (actual != null) {
                        checked++;
                        for (int out : c.outputs) {
                            float[] now = EngineComparison.read(engine, mine[out]);
                            float[] before = new float[now.length];
                            Arrays.fill(before, 0.25f);
                            assertArrayEquals(before, now, c.name + ": output " + out + " was written before the check failed");
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 25, "only " + checked + " reshapes were refused");
    }

    @Test
    void aMatrixOfAnotherEngineIsRefusedAsTheReferenceRefusesIt() {
        try (Engine other = provider.open()) {
            for (Case c : cases()) {
                for (int arg = 0; arg < c.shapes.length; arg++) {
                    Matrix[] mine = allocate(engine, c.shapes, 0.25f);
                    Matrix[] theirs = allocate(ref, c.shapes, 0.25f);
                    Matrix[] refWithOpenCl = theirs.clone();
                    refWithOpenCl[arg] = mine[arg];
                    Matrix[] openClWithRef = mine.clone();
                    openClWithRef[arg] = theirs[arg];
                    Matrix[] openClWithOther = mine.clone();
                    openClWithOther[arg] = other.allocate(c.shapes[arg][0], c.shapes[arg][1]);
                    IllegalArgumentException expected = assertThrows(IllegalArgumentException.class,
                            () -> c.op.run(ref, refWithOpenCl));
                    IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                            () -> c.op.run(engine, openClWithRef), c.name + " with a ref matrix as argument " + arg);
                    IllegalArgumentException sibling = assertThrows(IllegalArgumentException.class,
                            () -> c.op.run(engine, openClWithOther), c.name + " with another opencl engine's matrix");
                    // Same words, but for the engine's name and the matrix's own description.
                    String prefix = expected.getMessage().substring(0, expected.getMessage().indexOf(" allocated by"));
                    assertTrue(foreign.getMessage().startsWith(prefix + " allocated by this opencl engine"), foreign.getMessage());
                    assertTrue(sibling.getMessage().startsWith(prefix + " allocated by this opencl engine"), sibling.getMessage());
                }
            }
        }
    }

    @Test
    void otherBadArgumentsFailLikeTheReference() {
        List<Consumer<Engine>> calls = List.of(
                e -> e.allocate(0, 3),
                e -> e.allocate(3, -1),
                e -> e.allocate(65536, 65536),
                e -> e.write(e.allocate(2, 3), new float[5]),
                e -> e.write(e.allocate(2, 3), new float[6], 1),
                e -> e.write(e.allocate(2, 3), new float[6], -1),
                e -> e.read(e.allocate(2, 3), new float[7]),
                e -> e.read(e.allocate(2, 3), new float[6], 2),
                e -> e.update(e.allocate(2, 3), e.allocate(2, 3), Float.NaN, 0f),
                e -> e.update(e.allocate(2, 3), e.allocate(2, 3), 0.1f, Float.POSITIVE_INFINITY),
                e -> e.backpropagate(e.allocate(2, 3), e.allocate(1, 2), e.allocate(1, 3), Activations.SOFTMAX,
                        e.allocate(1, 3)),
                // Softmax's σ′ does not exist: only log-likelihood's BP1 avoids it.
                e -> e.outputError(Costs.QUADRATIC, Activations.SOFTMAX, e.allocate(1, 3), e.allocate(1, 3),
                        e.allocate(1, 3), e.allocate(1, 3)),
                e -> e.outputError(Costs.CROSS_ENTROPY, Activations.SOFTMAX, e.allocate(1, 3),
                        e.allocate(1, 3), e.allocate(1, 3), e.allocate(1, 3)));
        for (int i = 0; i < calls.size(); i++) {
            Consumer<Engine> call = calls.get(i);
            String expected = outcome(() -> call.accept(ref));
            String actual = outcome(() -> call.accept(engine));
            if (i == 2) {
                // 65536² floats do not fit an array: Checks.allocate refuses before any device limit matters.
                assertTrue(expected != null && expected.startsWith(IllegalArgumentException.class.getName()), expected);
            }
            assertEquals(expected, actual, "call " + i);
        }
    }

    @Test
    void customActivationsAndCostsAreRefusedBeforeAnyArithmetic() {
        Activation swish = new Activation() {
            public String id() {
                return "swish";
            }

            public float value(float z) {
                return z / (1 + (float) Math.exp(-z));
            }

            public float derivative(float z) {
                float s = 1 / (1 + (float) Math.exp(-z));
                return s + z * s * (1 - s);
            }
        };
        Cost absolute = new Cost() {
            public String id() {
                return "absolute";
            }

            public double value(float a, float y) {
                return Math.abs(a - y);
            }

            public float outputError(float a, float y, float z, Activation f) {
                return Math.signum(a - y) * f.derivative(z);
            }
        };
        assertFalse(engine.supports(swish));
        assertFalse(engine.supports(absolute));
        for (Activations f : Activations.values()) {
            assertTrue(engine.supports(f), f.id());
        }
        for (Costs c : Costs.values()) {
            assertTrue(engine.supports(c), c.id());
        }
        Network withSwish = Network.builder(3).layer(4, swish).layer(2, Activations.SIGMOID)
                .cost(Costs.QUADRATIC).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backpropagation.open(engine, withSwish));
        assertTrue(e.getMessage().contains("cannot compute activation 'swish'"), e.getMessage());
        Network withAbsolute = Network.builder(3).layer(2, Activations.SIGMOID).cost(absolute).build();
        e = assertThrows(IllegalArgumentException.class, () -> Backpropagation.open(engine, withAbsolute));
        assertTrue(e.getMessage().contains("cannot compute cost 'absolute'"), e.getMessage());
        // Called directly, the operations refuse them too (never wrong numbers).
        Matrix a = engine.allocate(2, 3);
        e = assertThrows(IllegalArgumentException.class, () -> engine.feedforward(engine.allocate(3, 3),
                engine.allocate(1, 3), a, engine.allocate(2, 3), engine.allocate(2, 3), swish));
        assertTrue(e.getMessage().contains("built-in activations"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> engine.cost(absolute, a, engine.allocate(2, 3)));
        assertTrue(e.getMessage().contains("built-in costs"), e.getMessage());
    }

    @Test
    void closeTwiceIsFineAndEveryCallAfterCloseIsAnIllegalStateException() {
        Engine closing = provider.open();
        Matrix[][] matrices = new Matrix[cases().size()][];
        for (int i = 0; i < matrices.length; i++) {
            matrices[i] = allocate(closing, cases().get(i).shapes, 1f);
        }
        Matrix spare = closing.allocate(2, 2);
        closing.close();
        closing.close();
        for (int i = 0; i < matrices.length; i++) {
            Matrix[] m = matrices[i];
            Case c = cases().get(i);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.op.run(closing, m), c.name);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> closing.allocate(1, 1));
        assertThrows(IllegalStateException.class, () -> closing.write(spare, new float[4]));
        assertThrows(IllegalStateException.class, () -> closing.read(spare, new float[4]));
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
        // Context, queue, 2 programs (large and small block), 8 + 3 kernels, 5 buffers, 2 pending
        // write events, the cost's buffer.
        assertEquals(23, during.getFirst(), "live objects while one engine was open");
    }
}
