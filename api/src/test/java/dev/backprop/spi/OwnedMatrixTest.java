package dev.backprop.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activations;
import dev.backprop.Costs;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The matrix base every engine extends: the shape is checked before any storage exists, a
 * matrix is accepted only by the engine that allocated it, and the heap matrix's copies check
 * bounds; plus the BP1 refusal of a σ′ that does not exist.
 */
class OwnedMatrixTest {
    /** An engine that only has a name: all the base needs of its owner. */
    private static Engine named(String name) {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "toString" -> name + " engine";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A device-style matrix: the base and nothing else. */
    private static final class DeviceMatrix extends OwnedMatrix {
        DeviceMatrix(Engine owner, int rows, int cols) {
            super(owner, rows, cols);
        }
    }

    @Test
    void onlyTheOwnerGetsItsMatrixBackAndOthersAreRefusedInTheWordsOfChecks() {
        Engine a = named("a");
        Engine b = named("b");
        DeviceMatrix mine = new DeviceMatrix(a, 2, 3);
        assertSame(mine, OwnedMatrix.owned(mine, DeviceMatrix.class, a, "w"));
        HostMatrix heap = new HostMatrix(a, 2, 3);
        for (Matrix foreign : new Matrix[] {new DeviceMatrix(b, 2, 3), heap, null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OwnedMatrix.owned(foreign, DeviceMatrix.class, a, "w"));
            assertEquals(Checks.notOwned("w", a, foreign).getMessage(), e.getMessage());
        }
        assertEquals("w must be a matrix allocated by this a engine, got null",
                Checks.notOwned("w", a, null).getMessage());
        assertEquals("a matrix 2×3", mine.toString());
        assertEquals(6, mine.size());
    }

    @Test
    void theShapeIsCheckedBeforeAnyStorageIsAllocated() {
        AtomicInteger allocations = new AtomicInteger();
        class Counted extends HostMatrix {
            Counted(int rows, int cols) {
                super(named("a"), rows, cols, n -> {
                    allocations.incrementAndGet();
                    return new float[n];
                });
            }
        }
        for (int[] bad : new int[][] {{0, 3}, {3, -1}, {1 << 16, 1 << 16}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Counted(bad[0], bad[1]));
            assertEquals(assertThrows(IllegalArgumentException.class, () -> Checks.allocate(bad[0], bad[1])).getMessage(),
                    e.getMessage());
        }
        assertEquals(0, allocations.get(), "storage was allocated for a refused shape");
        new Counted(2, 3);
        assertEquals(1, allocations.get());
    }

    @Test
    void aHeapMatrixCopiesInAndOutWithinBoundsAndMovesOnlyToAnArrayOfItsSize() {
        Engine a = named("a");
        HostMatrix m = new HostMatrix(a, 2, 2);
        HostMatrix.write(a, m, new float[] {9, 1, 2, 3, 4}, 1);
        float[] out = new float[6];
        HostMatrix.read(a, m, out, 2);
        assertArrayEquals(new float[] {0, 0, 1, 2, 3, 4}, out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostMatrix.write(a, m, new float[4], 1));
        assertEquals("write: matrix 2×2 needs 4 floats from offset 1, array has 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HostMatrix.read(named("b"), m, out, 0));
        class Moving extends HostMatrix {
            Moving() {
                super(a, 1, 3, float[]::new);
            }

            void move(float[] to) {
                moveTo(to);
            }
        }
        Moving moving = new Moving();
        assertThrows(IllegalArgumentException.class, () -> moving.move(new float[2]));
        float[] moved = {7, 8, 9};
        moving.move(moved);
        assertSame(moved, HostMatrix.data(moving, a, "m"));
    }

    @Test
    void bp1RefusesSoftmaxWithACostThatNeedsItsDerivative() {
        Engine a = named("a");
        Matrix m = new HostMatrix(a, 2, 3);
        for (Costs c : new Costs[] {Costs.QUADRATIC, Costs.CROSS_ENTROPY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Checks.outputError(c, Activations.SOFTMAX, m, m, m, m));
            assertTrue(e.getMessage().startsWith("outputError (BP1): activation softmax is not element-wise, so σ′(z) "
                    + "does not exist: "), e.getMessage());
            assertTrue(e.getMessage().endsWith(c.incompatibility(Activations.SOFTMAX).orElseThrow()), e.getMessage());
        }
        Checks.outputError(Costs.LOG_LIKELIHOOD, Activations.SOFTMAX, m, m, m, m);
        Checks.outputError(Costs.QUADRATIC, Activations.TANH, m, m, m, m);
        assertEquals("the a engine is closed; open a new one with Engines.open()", Checks.closed(a).getMessage());
    }
}
