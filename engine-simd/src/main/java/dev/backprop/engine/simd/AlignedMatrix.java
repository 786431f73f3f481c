package dev.backprop.engine.simd;

import dev.backprop.spi.Engine;
import dev.backprop.spi.HostMatrix;

import java.lang.foreign.MemorySegment;

/**
 * The SIMD engine's matrix: a {@link HostMatrix} (a row-major float[] on the heap, with the
 * SPI's ownership check and copies in and out) whose array is allocated 64-byte aligned (see
 * {@link Alignment}) and moved back onto a boundary when a garbage collection has moved it off one.
 *
 * <p>A collection copies young arrays to new places, so an array aligned when it was allocated is
 * split again after the first collection that moves it. The engine therefore asks for a
 * matrix's array in every operation ({@link HostMatrix#data}), and {@link #array()} checks the
 * address (a native call of about 10 ns) for arrays big enough to matter and, when it is off,
 * copies the array into a new aligned one.
 * Training allocates nothing per mini-batch, so during training collections are rare; in a
 * program that collects often, each matrix is moved back at most {@value #MAX_REALIGNMENTS}
 * times, so it can age and settle instead of being copied at every collection. The contents
 * never change, only where they lie.
 */
final class AlignedMatrix extends HostMatrix {
    /**
     * Arrays smaller than this (4 KiB) are left where they are: the book's 10 × 30 activations
     * take a few vectors per call, and their rows (120 bytes) do not start on lines anyway.
     */
    static final int REALIGN_MIN_FLOATS = 1024;
    /** Copies back onto a boundary per matrix, at most. */
    static final int MAX_REALIGNMENTS = 8;

    /** A view of the array for reading its address; null until addresses can be read. */
    private MemorySegment segment;
    private int realignments;

    /** A zero-filled rows × cols matrix of {@code owner}. */
    AlignedMatrix(Engine owner, int rows, int cols) {
        super(owner, rows, cols, Alignment::allocate);
    }

    /** Whether the array now starts on a 64-byte boundary (always true where addresses cannot be read). */
    boolean isAligned() {
        return !Alignment.linked() || Alignment.misalignment(super.array()) == 0;
    }

    /**
     * The array, first copied back onto a boundary if it lies off one: moved there by a
     * collection, or allocated before addresses could be read (see {@link Alignment}).
     */
    @Override
    protected float[] array() {
        float[] data = super.array();
        // Small arrays are checked once, the first time addresses can be read: one made before
        // the address reader was linked is moved then; after that, as before, only large ones.
        boolean small = data.length < REALIGN_MIN_FLOATS;
        if ((!small || segment == null) && data.length < Alignment.LARGEST_ALIGNED
                && realignments < MAX_REALIGNMENTS && Alignment.linked()) {
            if (segment == null) {
                segment = Alignment.view(data);
            }
            if (Alignment.misalignment(segment) != 0) {
                realignments++;
                float[] moved = Alignment.allocate(data.length);
                if (Alignment.misalignment(moved) == 0) {
                    System.arraycopy(data, 0, moved, 0, data.length);
                    moveTo(moved);
                    segment = Alignment.view(moved);
                    return moved;
                }
            }
        }
        return data;
    }
}
