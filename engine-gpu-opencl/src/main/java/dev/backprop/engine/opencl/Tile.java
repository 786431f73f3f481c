package dev.backprop.engine.opencl;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocking of the matrix-product kernels (gemm.cl): a work-group computes a
 * {@code size × size} block of the result, walking the sum in steps of {@code depth}, and each
 * work-item keeps {@code perItem × perItem} results in registers. The three numbers become the
 * kernels' {@code TILE}, {@code TK} and {@code R} at build time.
 *
 * <p>Larger blocks reuse each loaded element more often (size/perItem work-items share a row of A),
 * which is what makes a GPU product fast, but need more local memory and a larger work-group.
 * {@link #candidates} lists, largest first, the blocks a device can run; the engine builds the
 * first one and steps down when the compiled kernel allows fewer work-items than the block needs.
 */
record Tile(int size, int depth, int perItem) {
    /** System property that forces a block, "SIZExDEPTHxPERITEM", e.g. 32x16x2 (for measurements). */
    static final String PROPERTY = "backprop.opencl.tile";

    /** Largest first. Each keeps size·depth a multiple of the work-group size, so loads split evenly. */
    private static final List<Tile> ALL = List.of(
            new Tile(64, 16, 4),   // 256 work-items, 16 results each, 8.3 KB local memory
            new Tile(32, 16, 2),   // 256 work-items, 4 results each
            new Tile(32, 8, 4),    // 64 work-items
            new Tile(16, 8, 2),    // 64 work-items
            new Tile(8, 8, 1),     // 64 work-items
            new Tile(4, 4, 1));    // 16 work-items, 160 bytes: the floor

    Tile {
        if (size < 1 || depth < 1 || perItem < 1 || size % perItem != 0
                || size * depth % ((size / perItem) * (size / perItem)) != 0) {
            throw new IllegalArgumentException("tile " + size + "x" + depth + "x" + perItem
                    + ": size must be a multiple of perItem and size·depth of the work-group size");
        }
    }

    /** Work-items along each dimension of the work-group. */
    int groupDim() {
        return size / perItem;
    }

    int groupSize() {
        return groupDim() * groupDim();
    }

    /** Two depth × (size + 1) float tiles; the +1 pitch keeps the transposing stores off one bank. */
    long localBytes() {
        return 2L * depth * (size + 1) * Float.BYTES;
    }

    /** The smallest block: a device that cannot run it is refused. */
    static Tile smallest() {
        return ALL.getLast();
    }

    /** Whether {@code device}'s limits allow this block (the compiled kernel may still allow fewer work-items). */
    boolean fits(DeviceInfo device) {
        return groupSize() <= device.maxWorkGroupSize()
                && groupDim() <= device.maxWorkItemSizes()[0]
                && groupDim() <= device.maxWorkItemSizes()[1]
                && localBytes() <= device.localMemory();
    }

    /** The blocks {@code device} can run, largest first; only the forced one when {@link #PROPERTY} is set. */
    static List<Tile> candidates(DeviceInfo device) {
        String forced = System.getProperty(PROPERTY);
        List<Tile> fitting = new ArrayList<>();
        if (forced != null && !forced.isBlank()) {
            fitting.add(parse(forced.strip()));
            return fitting;
        }
        for (Tile tile : ALL) {
            if (tile.fits(device)) {
                fitting.add(tile);
            }
        }
        return fitting;
    }

    static Tile parse(String text) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must look like 32x16x2 (size x depth x per-item), got " + text);
        }
        try {
            return new Tile(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must look like 32x16x2, got " + text, e);
        }
    }

    /** The preprocessor definitions gemm.cl reads. */
    String defines() {
        return "-D TILE=" + size + " -D TK=" + depth + " -D R=" + perItem;
    }

    @Override
    public String toString() {
        return size + "x" + depth + "x" + perItem;
    }
}
