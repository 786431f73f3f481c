package dev.backprop.engine.opencl;

import dev.backprop.spi.Matrix;

import java.lang.foreign.MemorySegment;

/**
 * A matrix of the OpenCL engine: a device buffer of rows × cols floats, row-major, plus the host
 * memory its transfers go through.
 */
final class ClMatrix implements Matrix {
    final OpenClEngine owner;
    final int rows;
    final int cols;
    /** The cl_mem handle. */
    final MemorySegment buffer;
    /** Native host copy for write and read, allocated on the first transfer (many matrices never have one). */
    MemorySegment staging;
    /** The event of the last non-blocking write from {@link #staging}, or null once it is known to be done. */
    MemorySegment pendingWrite;

    ClMatrix(OpenClEngine owner, int rows, int cols, MemorySegment buffer) {
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
        this.buffer = buffer;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    long bytes() {
        return (long) rows * cols * Float.BYTES;
    }

    @Override
    public String toString() {
        return "opencl matrix " + shape();
    }
}
