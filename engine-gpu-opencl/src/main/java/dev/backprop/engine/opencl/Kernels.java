package dev.backprop.engine.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's kernels, compiled for one context, and their launches. Each launch method sets the
 * arguments and enqueues; none waits (the queue is in-order, see {@link ClContext}).
 *
 * <p>The program is the four {@code .cl} resources, concatenated in order (common.cl defines what
 * the others use), with the block of {@link Tile}, the numbers of the built-in functions
 * ({@link FunctionCodes}) and the device's options as {@code -D} flags.
 * The matrix products are compiled twice: with the largest block the device runs, and with a
 * small one (16×16) for results that the large block would mostly pad, such as the 10×30 of the
 * book's [784, 30, 10] network at a mini-batch of 10, where a 64×64 block would compute 13 times
 * the work in one long serial loop.
 * Not thread-safe: kernel objects hold their arguments, and launches share scratch memory.
 */
final class Kernels implements AutoCloseable {
    static final List<String> SOURCES = List.of("common.cl", "gemm.cl", "elementwise.cl", "reduce.cl");
    /** Work-items per group for the one-dimensional kernels (element-wise, per row, per column). */
    private static final int LINEAR_GROUP = 256;

    /** Results at most this wide on both sides get the small block when it saves work (see {@link #forResult}). */
    private static final int SMALL_BLOCK = 16;

    /** Whether the cost's partial sums are doubles (the device has cl_khr_fp64). */
    final boolean fp64;
    /** The largest block that runs here, and the small one (the same object when the large one is small already). */
    final Products large;
    final Products small;
    private final ClContext context;
    private final MemorySegment outputError;
    private final MemorySegment update;
    private final MemorySegment columnMeans;
    private final MemorySegment softmaxRows;
    private final MemorySegment costRows;
    /** Chapter 3's element-wise steps, launched like the kernels here. */
    final StepKernels steps;
    private final long linearGroup;
    // Scratch for arguments and work sizes: OpenCL copies them during the call, so one of each is enough.
    private final MemorySegment argument;
    private final MemorySegment global;
    private final MemorySegment local;

    /** The three matrix-product kernels compiled for one block, and the program that holds them. */
    record Products(Tile tile, ClProgram program, MemorySegment feedforward, MemorySegment backpropagate,
                    MemorySegment weightGradient) {

        /** Builds {@code source} for {@code tile}; null when a compiled product allows fewer work-items than the block. */
        static Products build(ClContext context, String source, Tile tile, List<String> refused) {
            ClProgram program = ClProgram.build(context, source, options(context.device, tile));
            try {
                Products p = new Products(tile, program, program.kernel("feedforward"), program.kernel("backpropagate"),
                        program.kernel("weight_gradient"));
                long limit = Math.min(program.maxWorkGroupSize(p.feedforward),
                        Math.min(program.maxWorkGroupSize(p.backpropagate), program.maxWorkGroupSize(p.weightGradient)));
                if (limit >= tile.groupSize()) {
                    return p;
                }
                refused.add(tile + " (the compiled products allow " + limit + " work-items, it needs " + tile.groupSize() + ")");
            } catch (RuntimeException e) {
                program.close();
                throw e;
            }
            program.close();
            return null;
        }
    }

    private Kernels(ClContext context, Products large, Products small, boolean fp64, Arena arena) {
        this.context = context;
        this.large = large;
        this.small = small;
        this.fp64 = fp64;
        ClProgram program = large.program;
        outputError = program.kernel("output_error");
        update = program.kernel("update");
        columnMeans = program.kernel("column_means");
        softmaxRows = program.kernel("softmax_rows");
        costRows = program.kernel("cost_rows");
        steps = new StepKernels(this, program);
        long group = LINEAR_GROUP;
        List<MemorySegment> linear = new ArrayList<>(List.of(outputError, update, columnMeans, softmaxRows, costRows));
        linear.addAll(steps.kernels());
        for (MemorySegment k : linear) {
            group = Math.min(group, program.maxWorkGroupSize(k));
        }
        linearGroup = Math.max(1, group);
        argument = arena.allocate(8, 8);
        global = arena.allocate(Cl.sizes(2));
        local = arena.allocate(Cl.sizes(2));
    }

    /**
     * Builds the program with the largest block the device runs, and the products again with the
     * largest block of at most 16 × 16. A compiled kernel may allow fewer work-items than the
     * device's limit (register pressure); then the next smaller block is tried.
     *
     * @throws ClException when the source does not build (with the log)
     * @throws IllegalStateException when no block runs on the device
     */
    static Kernels build(ClContext context, Arena arena) {
        DeviceInfo device = context.device;
        List<Tile> candidates = Tile.candidates(device);
        List<String> refused = new ArrayList<>();
        String source = source();
        Products large = null;
        Products small = null;
        try {
            for (Tile tile : candidates) {
                if (large == null) {
                    large = Products.build(context, source, tile, refused);
                    if (large != null && tile.size() <= SMALL_BLOCK) {
                        small = large;
                        break;
                    }
                } else if (tile.size() <= SMALL_BLOCK) {
                    small = Products.build(context, source, tile, refused);
                    if (small != null) {
                        break;
                    }
                }
            }
            if (large == null) {
                throw new IllegalStateException("OpenCL device " + device.describe() + " cannot run any matrix-product block: "
                        + (candidates.isEmpty() ? "none fits its limits" : String.join(", ", refused)));
            }
            return new Kernels(context, large, small == null ? large : small, device.fp64(), arena);
        } catch (RuntimeException | Error e) {
            if (small != null && small != large) {
                small.program.close();
            }
            if (large != null) {
                large.program.close();
            }
            throw e;
        }
    }

    /**
     * The large block, unless padding the rows × cols result to it would more than double the
     * work; then the small one. (1000×1024 keeps 64×64; 10×30 or 1000×10 take 16×16.)
     */
    Products forResult(int rows, int cols) {
        long t = large.tile.size();
        long padded = (rows + t - 1) / t * t * ((cols + t - 1) / t * t);
        return padded > 2L * rows * cols ? small : large;
    }

    static String options(DeviceInfo device, Tile tile) {
        StringBuilder options = new StringBuilder(tile.defines()).append(' ').append(FunctionCodes.defines());
        if (device.fp64()) {
            options.append(" -D BACKPROP_FP64");
        }
        if (device.correctlyRoundedDivide()) {
            // Plain '/' may be 2.5 ulp off in OpenCL; correctly rounded, BP3, BP4's 1/m and σ
            // divide as Java does.
            options.append(" -cl-fp32-correctly-rounded-divide-sqrt");
        }
        return options.toString();
    }

    /** The kernels' source: the resources in order, each announced with #line so build logs name the file. */
    static String source() {
        StringBuilder s = new StringBuilder();
        for (String name : SOURCES) {
            try (InputStream in = Kernels.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("kernel source " + name + " is missing from the engine's jar");
                }
                s.append("#line 1 \"").append(name).append("\"\n")
                        .append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("reading kernel source " + name, e);
            }
        }
        return s.toString();
    }

    // ---- Launches: one method per kernel, arguments in the kernel's order.

    /** Eq. 25 (fused with + b and σ). */
    void feedforward(ClMatrix w, ClMatrix b, ClMatrix aIn, ClMatrix z, ClMatrix aOut, int act) {
        int m = aIn.rows();
        int out = w.rows();
        Products p = forResult(m, out);
        MemorySegment k = p.feedforward;
        arg(k, 0, w);
        arg(k, 1, b);
        arg(k, 2, aIn);
        arg(k, 3, z);
        arg(k, 4, aOut);
        arg(k, 5, m);
        arg(k, 6, out);
        arg(k, 7, w.cols());
        arg(k, 8, act);
        runBlocks(k, p.tile, "feedforward", m, out);
    }

    /** BP2 (fused with ⊙ σ′(z)). */
    void backpropagate(ClMatrix wNext, ClMatrix deltaNext, ClMatrix z, ClMatrix delta, int act) {
        int m = deltaNext.rows();
        int width = wNext.cols();
        Products p = forResult(m, width);
        MemorySegment k = p.backpropagate;
        arg(k, 0, wNext);
        arg(k, 1, deltaNext);
        arg(k, 2, z);
        arg(k, 3, delta);
        arg(k, 4, m);
        arg(k, 5, width);
        arg(k, 6, wNext.rows());
        arg(k, 7, act);
        runBlocks(k, p.tile, "backpropagate", m, width);
    }

    /** BP4 (fused with / m). */
    void weightGradient(ClMatrix delta, ClMatrix aIn, ClMatrix gradW) {
        Products p = forResult(delta.cols(), aIn.cols());
        MemorySegment k = p.weightGradient;
        arg(k, 0, delta);
        arg(k, 1, aIn);
        arg(k, 2, gradW);
        arg(k, 3, delta.rows());
        arg(k, 4, delta.cols());
        arg(k, 5, aIn.cols());
        runBlocks(k, p.tile, "weight_gradient", delta.cols(), aIn.cols());
    }

    /** BP1. */
    void outputError(int cost, int act, ClMatrix aOut, ClMatrix z, ClMatrix y, ClMatrix delta) {
        MemorySegment k = outputError;
        arg(k, 0, cost);
        arg(k, 1, act);
        arg(k, 2, aOut);
        arg(k, 3, z);
        arg(k, 4, y);
        arg(k, 5, delta);
        arg(k, 6, delta.size());
        runLinear(k, "output_error", delta.size());
    }

    /** Eq. 93. */
    void update(ClMatrix param, ClMatrix grad, float keep, float eta) {
        MemorySegment k = update;
        arg(k, 0, param);
        arg(k, 1, grad);
        arg(k, 2, keep);
        arg(k, 3, eta);
        arg(k, 4, param.size());
        runLinear(k, "update", param.size());
    }

    /** BP3. */
    void columnMeans(ClMatrix delta, ClMatrix gradB) {
        MemorySegment k = columnMeans;
        arg(k, 0, delta);
        arg(k, 1, gradB);
        arg(k, 2, delta.rows());
        arg(k, 3, delta.cols());
        runLinear(k, "column_means", delta.cols());
    }

    void softmaxRows(ClMatrix z, ClMatrix aOut) {
        MemorySegment k = softmaxRows;
        arg(k, 0, z);
        arg(k, 1, aOut);
        arg(k, 2, z.rows());
        arg(k, 3, z.cols());
        runLinear(k, "softmax_rows", z.rows());
    }

    /** The cost's per-row partial sums into {@code partials} (m reals). */
    void costRows(int cost, ClMatrix aOut, ClMatrix y, MemorySegment partials) {
        MemorySegment k = costRows;
        arg(k, 0, cost);
        arg(k, 1, aOut);
        arg(k, 2, y);
        arg(k, 3, partials);
        arg(k, 4, aOut.rows());
        arg(k, 5, aOut.cols());
        runLinear(k, "cost_rows", aOut.rows());
    }

    void arg(MemorySegment kernel, int index, ClMatrix m) {
        arg(kernel, index, m.buffer);
    }

    private void arg(MemorySegment kernel, int index, MemorySegment buffer) {
        argument.set(ADDRESS, 0, buffer);
        setArg(kernel, index, ADDRESS.byteSize());
    }

    void arg(MemorySegment kernel, int index, int value) {
        argument.set(JAVA_INT, 0, value);
        setArg(kernel, index, Integer.BYTES);
    }

    void arg(MemorySegment kernel, int index, float value) {
        argument.set(JAVA_FLOAT, 0, value);
        setArg(kernel, index, Float.BYTES);
    }

    private void setArg(MemorySegment kernel, int index, long size) {
        int code = context.cl.setKernelArg(kernel, index, size, argument);
        if (code != ClConstants.CL_SUCCESS) {
            throw new ClException("clSetKernelArg(argument " + index + ")", code);
        }
    }

    /** One work-group per TILE × TILE block of a rows × cols result (dimension 0 runs along columns). */
    private void runBlocks(MemorySegment kernel, Tile tile, String name, int rows, int cols) {
        long dim = tile.groupDim();
        global.setAtIndex(JAVA_LONG, 0, blocks(cols, tile) * dim);
        global.setAtIndex(JAVA_LONG, 1, blocks(rows, tile) * dim);
        local.setAtIndex(JAVA_LONG, 0, dim);
        local.setAtIndex(JAVA_LONG, 1, dim);
        enqueue(kernel, name, 2);
    }

    private static long blocks(int n, Tile tile) {
        return (n + tile.size() - 1L) / tile.size();
    }

    /** n work-items, rounded up to whole groups (OpenCL 1.2 needs the global size to be a multiple). */
    void runLinear(MemorySegment kernel, String name, int n) {
        global.setAtIndex(JAVA_LONG, 0, (n + linearGroup - 1) / linearGroup * linearGroup);
        local.setAtIndex(JAVA_LONG, 0, linearGroup);
        enqueue(kernel, name, 1);
    }

    private void enqueue(MemorySegment kernel, String name, int dimensions) {
        int code = context.cl.enqueueNDRangeKernel(context.queue, kernel, dimensions, global, local);
        if (code != ClConstants.CL_SUCCESS) {
            throw new ClException("clEnqueueNDRangeKernel(" + name + ")", code);
        }
    }

    /** "64x16x4 (16x8x2 for small results)". */
    String blocks() {
        return large.tile + (small == large ? "" : " (" + small.tile + " for small results)");
    }

    @Override
    public void close() {
        try {
            if (small != large) {
                small.program.close();
            }
        } finally {
            large.program.close();
        }
    }
}
