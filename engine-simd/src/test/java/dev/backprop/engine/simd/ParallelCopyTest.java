package dev.backprop.engine.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.spi.Matrix;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * A write large enough to be copied in bands by the engine's threads ({@link ParallelCopy}) puts
 * every float where a single copy would, from an offset into a longer array (as the trainer's
 * last, partial mini-batch is read), and bad arguments are refused as for a small write.
 */
class ParallelCopyTest {
    @Test
    void aLargeWriteCopiesEveryFloatFromItsOffset() {
        int rows = 601;
        int cols = 523; // 314,323 floats: past the threshold, not a multiple of a band or a line
        float[] source = new float[rows * cols + 37];
        for (int i = 0; i < source.length; i++) {
            source[i] = i * 0.5f - 7f;
        }
        for (int threads : new int[] {1, 2, 3}) {
            try (SimdEngine engine = new SimdEngine(threads)) {
                Matrix m = engine.allocate(rows, cols);
                engine.write(m, source, 37);
                float[] back = new float[rows * cols];
                engine.read(m, back, 0);
                assertArrayEquals(Arrays.copyOfRange(source, 37, source.length), back, threads + " threads");
                assertThrows(IllegalArgumentException.class, () -> engine.write(m, source, 38),
                        "a source too short from its offset");
            }
        }
    }
}
