package dev.backprop.engine.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.spi.Matrix;

import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Aligned allocation and the engine's matrices keeping it. The tests run with
 * --enable-native-access=ALL-UNNAMED (test.jvm.flags in the parent pom); the engine without it
 * is tested in a child JVM by {@link SimdEngineProviderTest}.
 */
class AlignmentTest {
    @BeforeEach
    void needsNativeAccess() {
        Assumptions.assumeTrue(Alignment.available(),
                "addresses cannot be read: this JVM was started without --enable-native-access=ALL-UNNAMED");
    }

    @Test
    void arraysBelowTheLimitStartOnACacheLineZeroFilled() {
        for (int n : new int[] {1, 15, 16, 100, 1000, 7840, 23520, 100_000, Alignment.LARGEST_ALIGNED - 1}) {
            // Start each size in an empty young generation: a collection that falls between a
            // filler and its array (likely after the other tests of this JVM filled the heap)
            // moves the array to a new region, and allocate() is a best effort that then
            // returns it misaligned, as its javadoc says; AlignedMatrix aligns it again later.
            System.gc();
            for (int copy = 0; copy < 3; copy++) {
                float[] a = Alignment.allocate(n);
                assertEquals(n, a.length);
                assertEquals(0, Alignment.misalignment(a), "float[" + n + "] starts off a 64-byte boundary");
                for (float v : a) {
                    assertEquals(0f, v);
                }
            }
        }
    }

    /** The offsets read are those of real addresses: 8-byte object alignment, a 16-byte header. */
    @Test
    void plainArraysLieOnEightByteSteps() {
        boolean sawMisaligned = false;
        for (int i = 0; i < 64; i++) {
            int off = Alignment.misalignment(new float[1 + i]);
            assertEquals(0, off % 8, "offset " + off);
            sawMisaligned |= off != 0;
        }
        assertTrue(sawMisaligned, "64 plain arrays all started on a cache line: the offsets are not read");
    }

    /**
     * A collection moves young arrays (System.gc() in G1 compacts everything it can); the
     * engine's matrices are aligned again when next used, with their contents intact.
     */
    @Test
    void matricesAreAlignedAgainAfterCollectionsWithTheirContents() {
        try (SimdEngine engine = new SimdEngine(1)) {
            Random random = new Random(5);
            Matrix[] matrices = new Matrix[8];
            float[][] values = new float[matrices.length][];
            for (int i = 0; i < matrices.length; i++) {
                matrices[i] = engine.allocate(30 + i, 784);
                values[i] = new float[(30 + i) * 784];
                for (int j = 0; j < values[i].length; j++) {
                    values[i][j] = random.nextFloat();
                }
                engine.write(matrices[i], values[i]);
                assertTrue(((AlignedMatrix) matrices[i]).isAligned(), "matrix " + i + " was allocated off a cache line");
            }
            int movedOff = 0;
            for (int round = 0; round < 3; round++) {
                System.gc();
                for (int i = 0; i < matrices.length; i++) {
                    if (!((AlignedMatrix) matrices[i]).isAligned()) {
                        movedOff++;
                    }
                    float[] back = new float[values[i].length];
                    engine.read(matrices[i], back);
                    assertArrayEquals(values[i], back, "matrix " + i + " after collection " + round);
                    assertTrue(((AlignedMatrix) matrices[i]).isAligned(), "matrix " + i + " after collection " + round);
                }
            }
            System.out.println("matrices moved off a cache line by collections and aligned again: " + movedOff);
        }
    }
}
