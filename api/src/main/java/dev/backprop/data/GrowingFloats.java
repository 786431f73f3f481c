package dev.backprop.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Floats appended one at a time into fixed-size chunks, so that growing never copies and never
 * holds twice the data; {@link #toArray()} makes the one exact array at the end. Before each
 * chunk it asks the {@link HeapBudget} for room for the chunk and for that final array, so a
 * table that cannot fit is refused while it is still small in memory.
 */
final class GrowingFloats {
    static final int CHUNK = 1 << 16;

    private final HeapBudget budget;
    private final String what;
    private final String advice;
    private final List<float[]> chunks = new ArrayList<>();
    private float[] current;
    private int filled = CHUNK;
    private long size;
    GrowingFloats(HeapBudget budget, String what, String advice) {
        this.budget = budget;
        this.what = what;
        this.advice = advice;
    }

    void add(float value) throws DataTooLargeException {
        if (filled == CHUNK) {
            grow();
        }
        current[filled++] = value;
        size++;
    }

    private void grow() throws DataTooLargeException {
        long next = size + CHUNK;
        if (next > Integer.MAX_VALUE - 8) {
            throw new DataTooLargeException(what, 4 * next, 0, "more than " + (Integer.MAX_VALUE - 8)
                    + " values do not fit in one Java array; " + advice);
        }
        // The new chunk now, and at the end the exact array beside all chunks.
        budget.require(4L * CHUNK + 4 * next, what, advice);
        current = new float[CHUNK];
        budget.hold(4L * CHUNK);
        chunks.add(current);
        filled = 0;
    }

    long size() {
        return size;
    }

    /** The values in order, in one array of exactly {@link #size()}; the chunks are released. */
    float[] toArray() {
        float[] all = new float[(int) size];
        int at = 0;
        for (float[] chunk : chunks) {
            int n = (int) Math.min(CHUNK, size - at);
            System.arraycopy(chunk, 0, all, at, n);
            at += n;
        }
        chunks.clear();
        current = null;
        filled = CHUNK;
        return all;
    }
}
