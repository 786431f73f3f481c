package dev.backprop.engine.opencl;

import dev.backprop.spi.OwnedMatrix;

import java.lang.foreign.MemorySegment;

/**
 * A matrix of the OpenCL engine: a device buffer of rows × cols floats, row-major, plus the host
 * memory its transfers go through. Shape, owner and the refusal of a foreign matrix are
 * {@link OwnedMatrix}'s.
 */
final class ClMatrix extends OwnedMatrix {
    /** The cl_mem handle. */
    final MemorySegment buffer;
    /** Native host copy for write and read, allocated on the first transfer (many matrices never have one). */
    MemorySegment staging;
    /** The event of the last non-blocking write from {@link #staging}, or null once it is known to be done. */
    MemorySegment pendingWrite;

    ClMatrix(OpenClEngine owner, int rows, int cols, MemorySegment buffer) {
        super(owner, rows, cols);
        this.buffer = buffer;
    }

    long bytes() {
        return (long) size() * Float.BYTES;
    }
}
