package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.MicroKernels.MR;
import static dev.backprop.engine.simd.MicroKernels.NR;

import java.lang.foreign.MemorySegment;

/**
 * The three matrix products of the chapter, C = op(A)·op(B) with C row-major m × n, each followed
 * by its {@link Finish}:
 * <ul>
 *   <li>{@link #NT}: C = A·Bᵀ, A m × k, B n × k (Eq. 25: Z = A^{l−1} W^lᵀ);</li>
 *   <li>{@link #NN}: C = A·B, A m × k, B k × n (BP2: Δ^{l+1} W^{l+1});</li>
 *   <li>{@link #TN}: C = Aᵀ·B, A k × m, B k × n (BP4: Δ^lᵀ A^{l−1}).</li>
 * </ul>
 *
 * <p>Large products take the GotoBLAS route in two phases: first all threads pack B together into
 * column panels (one copy, shared), then each thread packs its own blocks of A
 * ({@link #rowsPerBlock} × KC, L2) and {@link MicroKernels} computes MR × NR tiles, each
 * micro-panel of B (KC × NR) passing through L2. Small ones (the book's
 * mini-batches) go to {@link DotKernels} and {@link BroadcastKernels}, which read the arrays as
 * they lie.
 *
 * <p>Determinism. An element of C is always summed the same way: in the packed path, k runs in
 * blocks of the constant {@link #KC}, each block's terms fused in order into a fresh accumulator
 * that is then added to C; in the direct path, as those kernels say. Which path runs
 * depends on the shape only. Threads split C into disjoint bands of whole tiles, so each element is
 * computed by one thread in the same way whatever the thread count: 1 or N threads, the same bits.
 */
final class Gemm implements Workers.Job {
    static final int NT = 0;
    static final int NN = 1;
    static final int TN = 2;

    /**
     * k per block: fixed, because it fixes the order of each sum. Every block but the first reads
     * the MR × NR tile of C back and writes it again, 12 rows a whole row of C apart, so the fewer
     * blocks the better: with 1024, the widths up to 1024 are one block and C is written once.
     * The micro-panels (12 × 1024 floats of A, 32 × 1024 of B) then stream from L2 rather than sit
     * in L1, which the L2 keeps up with. Measured on the development machine (2 vCPUs of an AMD
     * EPYC with AVX-512, family 26): single 1000 × 1024 × 1024 products on two threads 350–420
     * GFLOP/s against 280–390 with 256 (four alternating runs), and the whole gradient of
     * [784, 1024, 1024, 10] at m = 1000 0.765 of numpy's sgemm against 0.656 (paired.py, ten
     * pairs each).
     */
    static final int KC = 1024;
    /** The most rows of A packed at once, whatever the cache: 4 MiB of A at KC = 1024. */
    private static final int MAX_BLOCK_ROWS = 1024;
    /** Columns of C computed per pass: the KC × NC floats of B they need (4 MiB) come from L3. */
    private static final int NC = 1024;
    /** Rows per step in the direct path (a multiple of every block height), finished while in cache. */
    private static final int DIRECT_ROWS = 60;
    /**
     * Multiply-adds per part of a product that is split: handing work to a parked thread costs
     * some 10–50 µs, about what one core does with 2^20 multiply-adds, so a product below this is
     * one part, on the calling thread.
     */
    static final long PARALLEL_WORK = 1L << 20;
    /**
     * The most parts a product is cut into, and never more than the engine has threads. Parts are
     * claimed by whichever thread is free ({@link Workers}), so a worker the operating system does
     * not run never holds the caller up, whatever their number. More parts than threads would
     * bound what a worker descheduled mid-part holds back, but cost time on a quiet machine:
     * the big network's training epoch (m = 1000, two threads, two builds alternating in one
     * JVM) took 1.044–1.054 of the time with up to 4 or 16 parts a product and 0.979 with 2.
     * Which rows or columns a part gets never changes a bit (see the class comment).
     */
    static final int MAX_PARTS = 16;
    /** The most bands of columns a packed product is cut into: each packs all of A again. */
    static final int COLUMN_PARTS = 2;

    private final Workers workers;
    private final SwappedProduct swapped;
    /**
     * Rows of A packed at once (a multiple of MR). For this machine's L2 ({@link #blockRows}) it is
     * 0 until the first packed product: reading the size from sysfs costs some 12 ms in a fresh
     * JVM, which an engine open, and a user who only trains small mini-batches, need not pay.
     */
    private int rowsPerBlock;
    private final float[][] packedA;
    private final float[][] tiles;
    /** Per thread: the scratch of {@link Packing}. */
    private final Packing.Scratch[] packingScratch;
    /**
     * All of B, packed once per product by all threads together (phase one), then read by all
     * (phase two): a thread that packed B for itself would repeat the others' work, and for Eq. 25
     * that is a transposition of the whole weight matrix. Block of k q starts at q·KC·paddedN.
     */
    private float[] packedB = new float[0];
    /** A view of {@link #packedB} for reading its address (kept: making one per call allocates). */
    private MemorySegment packedBSegment;
    /** Where B's panels start in {@link #packedB}: the first index on a 64-byte boundary. */
    private int bBase;
    /** Floats of {@link #packedB} kept free in front, to move its start onto a boundary. */
    private static final int ALIGNMENT_SLACK = Alignment.BYTES / Float.BYTES;

    // The call in progress, read by every part.
    private int shape;
    private float[] a;
    private float[] b;
    private float[] c;
    private int m;
    private int n;
    private int k;
    private Finish finish;
    private boolean packed;
    private int parts;
    private boolean splitRows;
    private int rowUnit;
    private int colUnit;
    private int paddedN;
    private boolean packingPhase;

    /** With blocks of A as tall as this machine's L2 suits. */
    Gemm(Workers workers) {
        this.workers = workers;
        this.swapped = new SwappedProduct(this, workers);
        int p = workers.threads();
        packedA = new float[p][0];
        tiles = new float[p][MR * NR];
        packingScratch = new Packing.Scratch[p];
        for (int i = 0; i < p; i++) {
            packingScratch[i] = new Packing.Scratch();
        }
    }

    /** With {@code rows} rows of A per packed block; results are the same for every height. */
    Gemm(Workers workers, int rows) {
        if (rows < MR || rows % MR != 0) {
            throw new IllegalArgumentException("rows per block must be a positive multiple of " + MR + ", got " + rows);
        }
        this(workers);
        rowsPerBlock = rows;
    }

    /** C = op(A)·op(B), then {@code finish} on every element; see the class comment for shapes. */
    void multiply(int shape, float[] a, float[] b, float[] c, int m, int n, int k, Finish finish) {
        boolean pack = usePacking(shape, m, n, k);
        if (pack && shape == NT && SwappedProduct.pays(m, n)) {
            // A narrow layer: its transpose fills the tiles better, with the same sums.
            swapped.multiply(a, b, c, m, n, k, finish);
            return;
        }
        product(shape, a, b, c, m, n, k, finish, pack);
    }

    /** {@link #multiply} on the packed path whatever the shape: the same sums as when it is chosen. */
    void multiplyPacked(int shape, float[] a, float[] b, float[] c, int m, int n, int k, Finish finish) {
        product(shape, a, b, c, m, n, k, finish, true);
    }

    private void product(int shape, float[] a, float[] b, float[] c, int m, int n, int k, Finish finish, boolean pack) {
        this.shape = shape;
        this.a = a;
        this.b = b;
        this.c = c;
        this.m = m;
        this.n = n;
        this.k = k;
        this.finish = finish;
        packed = pack;
        rowUnit = packed ? MR : DIRECT_ROWS;
        colUnit = packed ? NR : 2 * MicroKernels.L;
        int tilesM = ceilDiv(m, rowUnit);
        int tilesN = ceilDiv(n, colUnit);
        // Split the dimension with more tiles into bands of whole tiles, as many as the work
        // fills (the shape alone decides); each band is claimed by whichever thread is free.
        splitRows = tilesM >= tilesN;
        // One thread computes the whole product as one part: the same sums, and no part repeats
        // another's packing of A.
        long work = (long) m * n * (k + finish.weight());
        parts = workers.threads() > 1 ? Math.min(workers.threads(), partsFor(work, Math.max(tilesM, tilesN))) : 1;
        if (packed && rowsPerBlock == 0) {
            rowsPerBlock = blockRows(CacheSize.L2_BYTES);
        }
        if (packed && !splitRows) {
            // Bands of columns each pack all of A for themselves.
            parts = Math.min(parts, COLUMN_PARTS);
        } else if (packed) {
            // Every block of A's rows streams all of packed B past it: bands shorter than a block
            // would stream it more often (the big network's 1000 × 1024 × 1024 products in 16
            // bands of 63 rows: epochs 5 % slower than in blocks of 252).
            parts = Math.min(parts, ceilDiv(m, rowsPerBlock));
        }
        boolean parallel = parts > 1;
        try {
            if (packed) {
                paddedN = ceilDiv(n, NR) * NR;
                int size = Math.multiplyExact(k, paddedN);
                // Room to start the panels on a cache line wherever the array lies (see Alignment):
                // the kernel loads two vectors of B per step.
                if (packedB.length < size + ALIGNMENT_SLACK) {
                    packedB = new float[size + ALIGNMENT_SLACK];
                    packedBSegment = Alignment.view(packedB);
                }
                int off = Alignment.misalignment(packedBSegment);
                bBase = off == 0 ? 0 : (Alignment.BYTES - off) / Float.BYTES;
                packingPhase = true;
                runParts(parallel);
                packingPhase = false;
            }
            runParts(parallel);
        } finally {
            this.a = null;
            this.b = null;
            this.c = null;
            this.finish = null;
        }
    }

    private void runParts(boolean parallel) {
        if (parallel) {
            workers.run(this, parts);
        } else {
            for (int part = 0; part < parts; part++) {
                run(part, 0);
            }
        }
    }

    /**
     * How many bands a product of {@code work} multiply-adds (its finish's included, see
     * {@link Finish#weight}) is cut into: one per {@link #PARALLEL_WORK}, at most
     * {@link #MAX_PARTS} and one per tile. BP2 of [784, 100, 10] at m = 1000 (10⁶ multiply-adds and
     * 10⁵ σ′) took 105 µs on one thread, most of it in e^x, when only multiply-adds counted.
     */
    static int partsFor(long work, int tiles) {
        return (int) Math.max(1, Math.min(Math.min(MAX_PARTS, tiles), work / PARALLEL_WORK));
    }

    /**
     * Rows of A per packed block for an L2 of {@code l2Bytes}: the block (rows × KC floats) takes
     * half of L2, leaving the other half to the B micro-panel (KC × NR, 128 KiB) and C. A taller
     * block means fewer passes over B: measured on a Xeon with 2 MiB of L2 (two threads, paired
     * against numpy's sgemm, alternating), the gradient of [784, 1024, 1024, 10] at m = 1000 was
     * 0.772 and 0.774 of sgemm with 252 rows against 0.760 and 0.732 with 120, and each single
     * product 2–4 % faster; on the EPYC with 1 MiB this gives the 120 rows tuned there.
     */
    static int blockRows(long l2Bytes) {
        long rows = l2Bytes / 2 / ((long) KC * Float.BYTES);
        return (int) Math.max(MR, Math.min(MAX_BLOCK_ROWS, rows) / MR * MR);
    }

    /**
     * The batch from which Eq. 25 packs: packing transposes all of W (n × k floats) for m rows of
     * output, and the direct dot products need no transposition. Measured on the development
     * machine, steps of the whole network with the two thresholds alternating: at m = 100 the
     * direct path took 0.76 of the packed one's time for [784, 100, 10] and 0.91–0.98 for
     * [784, 1024, 1024, 10]; at m = 160 they were level; at m = 256 the packed path took 0.81–0.93
     * of the direct one's for the big network.
     */
    static final int NT_PACKING_ROWS = 128;

    /**
     * Packing pays when each packed float is reused many times. For Eq. 25 (A·Wᵀ) it waits for
     * {@link #NT_PACKING_ROWS}; BP2 and BP4 pack once two tiles' worth of rows and columns and
     * about 2^18 multiply-adds are there.
     */
    static boolean usePacking(int shape, int m, int n, int k) {
        if (shape == NT) {
            return m >= NT_PACKING_ROWS && n >= NR && k >= 16;
        }
        return m >= 2 * MR && n >= NR && (long) m * n * k >= 1L << 18;
    }

    @Override
    public void run(int part, int thread) {
        if (packingPhase) {
            packB(part, thread);
            return;
        }
        int i0 = 0;
        int i1 = m;
        int j0 = 0;
        int j1 = n;
        if (splitRows) {
            int tiles = ceilDiv(m, rowUnit);
            i0 = part * tiles / parts * rowUnit;
            i1 = Math.min(m, (part + 1) * tiles / parts * rowUnit);
        } else {
            int tiles = ceilDiv(n, colUnit);
            j0 = part * tiles / parts * colUnit;
            j1 = Math.min(n, (part + 1) * tiles / parts * colUnit);
        }
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        if (packed) {
            packedProduct(thread, i0, i1, j0, j1);
        } else {
            directProduct(i0, i1, j0, j1);
        }
    }

    private void directProduct(int i0, int i1, int j0, int j1) {
        if (Warmup.cold(family())) {
            // The vector kernels are not compiled yet: the same sums in plain loops (Warmup).
            ScalarKernels.directProduct(shape, a, b, c, m, n, k, i0, i1, j0, j1, finish);
            return;
        }
        boolean coldFinish = Warmup.cold(Warmup.ELEMENT_WISE);
        // A finish that only scales (BP4's 1/m) is applied by the kernels as they store; BP4 fused
        // with Eq. 93 also has them update W from each block of the gradient in registers.
        Finish.Descend descend = shape == TN && finish instanceof Finish.Descend d ? d : null;
        float scale = descend != null ? descend.inverseCount : finish.storedScale();
        boolean scaled = !Float.isNaN(scale) && shape != NT;
        for (int i = i0; i < i1; i += DIRECT_ROWS) {
            int end = Math.min(i1, i + DIRECT_ROWS);
            switch (shape) {
                case NT -> DotKernels.dotProducts(a, b, c, n, k, i, end, j0, j1);
                case NN -> BroadcastKernels.broadcastProducts(a, k, 1, b, c, n, k, i, end, j0, j1, scaled ? scale : 1f);
                default -> {
                    if (descend != null) {
                        BroadcastKernels.broadcastProductsAndDescend(a, 1, m, b, c, n, k, i, end, j0, j1, scale,
                                descend.weights, descend.eta, descend.decay);
                    } else {
                        BroadcastKernels.broadcastProducts(a, 1, m, b, c, n, k, i, end, j0, j1, scaled ? scale : 1f);
                    }
                }
            }
            if (!scaled) {
                if (coldFinish) {
                    finish.coldRows(c, n, i, end, j0, j1);
                } else {
                    finish.rows(c, n, i, end, j0, j1);
                }
            }
        }
    }

    /** The {@link Warmup} family of the direct path's kernels for the call in progress. */
    private int family() {
        return switch (shape) {
            case NT -> k % MicroKernels.L == 0 ? Warmup.DOT : Warmup.DOT_EDGES;
            case NN -> Warmup.BROADCAST;
            default -> finish instanceof Finish.Descend ? Warmup.DESCEND : Warmup.TRANSPOSED;
        };
    }

    /** Phase one: this part's share of B's column panels, for every block of k. */
    private void packB(int part, int thread) {
        int panels = paddedN / NR;
        int p0 = part * panels / parts;
        int p1 = (part + 1) * panels / parts;
        if (p0 >= p1) {
            return;
        }
        boolean bTransposed = shape == NT;
        int ldb = bTransposed ? k : n;
        int j0 = p0 * NR;
        int nc = Math.min(n, p1 * NR) - j0;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            Packing.packB(b, bTransposed, ldb, j0, nc, pc, kc, packedB, bBase + pc * paddedN + j0 * kc, packingScratch[thread]);
        }
    }

    /** Phase two: C[i0, i1) × [j0, j1) from the packed B and the thread's own packed A blocks. */
    private void packedProduct(int thread, int i0, int i1, int j0, int j1) {
        boolean aTransposed = shape == TN;
        int lda = aTransposed ? m : k;
        float[] ap = packedA(thread);
        float[] bp = packedB;
        float[] tile = tiles[thread];
        // Blocks of NC columns: the B block of one k block (KC × NC) is read once per block of A.
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean accumulate = pc > 0;
                boolean last = pc + kc == k;
                int bBlock = bBase + pc * paddedN;
                for (int ic = i0; ic < i1; ic += rowsPerBlock) {
                    int mc = Math.min(rowsPerBlock, i1 - ic);
                    Packing.packA(a, aTransposed, lda, ic, mc, pc, kc, ap, packingScratch[thread]);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bo = bBlock + (jc + jr) * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int co = (ic + ir) * n + jc + jr;
                            if (mr == MR && nr == NR) {
                                MicroKernels.kernel(ap, ir * kc, bp, bo, kc, c, co, n, accumulate);
                            } else {
                                edgeTile(ap, ir * kc, bp, bo, kc, co, mr, nr, accumulate, tile);
                            }
                        }
                    }
                    if (last) {
                        // This block of C is complete and still in L2. Finished row by row, z (for σ
                        // and σ′) is read with unit stride; finished strip by strip (NR columns), its
                        // rows lay a whole row apart (4 KiB at width 1024), which the prefetcher does
                        // not follow: BP2's ⊙σ′ at 1000 × 1024 cost 2.6 ms over the bare product
                        // that way and 1.6 ms this way (two threads, medians of 40 in one process).
                        finish.rows(c, n, ic, ic + mc, jc, jc + nc);
                    }
                }
            }
        }
    }

    /** A tile cut by the matrix edge: computed whole in {@code tile}, then its valid part copied. */
    private void edgeTile(float[] ap, int ao, float[] bp, int bo, int kc, int co, int mr, int nr, boolean accumulate,
            float[] tile) {
        if (accumulate) {
            for (int r = 0; r < mr; r++) {
                System.arraycopy(c, co + r * n, tile, r * NR, nr);
            }
        }
        MicroKernels.kernel(ap, ao, bp, bo, kc, tile, 0, NR, accumulate);
        for (int r = 0; r < mr; r++) {
            System.arraycopy(tile, r * NR, c, co + r * n, nr);
        }
    }

    /** The thread's A block buffer, allocated on first use (in that thread). */
    private float[] packedA(int thread) {
        if (packedA[thread].length < rowsPerBlock * KC) {
            packedA[thread] = new float[rowsPerBlock * KC];
        }
        return packedA[thread];
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
