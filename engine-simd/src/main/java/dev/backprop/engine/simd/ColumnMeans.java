package dev.backprop.engine.simd;

/**
 * BP3 on the engine's threads: ∂C/∂b = the column means of Δ, each thread taking a band of whole
 * vectors of columns. A column's sum is the same sequence of additions (rows in order, from zero)
 * whichever thread makes it, so the bits do not depend on the thread count.
 *
 * <p>Why: for a wide layer at a large batch (1000 × 1024) the sums read 4 MB and took 0.15–0.3 ms,
 * alone on the calling thread while the other cores waited, twice per step of the
 * [784, 1024, 1024, 10] network.
 */
final class ColumnMeans implements Workers.Job {
    /**
     * Elements of Δ from which the sums are split: 2^18 floats take some 50 µs on one core, more
     * than a hand-off (10–50 µs). (It was once the products' 2^20 multiply-adds, which left the
     * 1000 × 1024 Δ the split was made for, 1,024,000 floats, just below it, on one thread.)
     */
    static final long PARALLEL_WORK = 1L << 18;
    /**
     * Bands of columns the sums are cut into, claimed by whichever of the engine's threads is
     * free: fixed, so the split never depends on the thread count (it could not change a bit
     * anyway: each column is summed whole by one thread).
     */
    static final int PARTS = 4;

    private final Workers workers;
    // The call in progress, read by every part.
    private float[] delta;
    private float[] means;
    private int rows;
    private int width;

    ColumnMeans(Workers workers) {
        this.workers = workers;
    }

    /** means[j] = (Σ_x delta[x·width + j]) / rows for every column j. */
    void compute(float[] delta, int rows, int width, float[] means) {
        if (Warmup.cold(Warmup.ELEMENT_WISE)) {
            ScalarKernels.columnMeans(delta, rows, width, means, 0, width);
            return;
        }
        if (workers.threads() == 1 || (long) rows * width < PARALLEL_WORK || width < 2 * MicroKernels.L) {
            ElementWise.columnMeans(delta, rows, width, means, 0, width);
            return;
        }
        this.delta = delta;
        this.means = means;
        this.rows = rows;
        this.width = width;
        try {
            workers.run(this, PARTS);
        } finally {
            this.delta = null;
            this.means = null;
        }
    }

    @Override
    public void run(int part, int thread) {
        int vectors = (width + MicroKernels.L - 1) / MicroKernels.L;
        int j0 = Math.min(width, part * vectors / PARTS * MicroKernels.L);
        int j1 = Math.min(width, (part + 1) * vectors / PARTS * MicroKernels.L);
        if (j0 < j1) {
            ElementWise.columnMeans(delta, rows, width, means, j0, j1);
        }
    }
}
