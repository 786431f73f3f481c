package dev.backprop.spi;

import java.util.Objects;

/**
 * What every engine's matrix has, written once: a shape checked when it is allocated, the engine
 * that allocated it, and the refusal of a matrix that is not the caller's (another engine's,
 * another instance's, or null) in the words every engine uses. An engine's matrix class extends
 * this (or {@link HostMatrix}, for a float[] on the heap) and adds its storage.
 *
 * <pre>{@code
 * final class DeviceMatrix extends OwnedMatrix {
 *     final MemorySegment buffer;
 *     DeviceMatrix(MyEngine owner, int rows, int cols, MemorySegment buffer) {
 *         super(owner, rows, cols);
 *         this.buffer = buffer;
 *     }
 * }
 * // in every operation of MyEngine, before any arithmetic:
 * DeviceMatrix w = OwnedMatrix.owned(wMatrix, DeviceMatrix.class, this, "w"); // IllegalArgumentException if not ours
 * }</pre>
 *
 * <p><b>Thread safety.</b> The shape and the owner are final, so reading them and
 * {@link #owned} are safe from any thread; the storage a subclass adds is as thread-safe as its
 * engine, which serves one thread at a time.
 */
public abstract class OwnedMatrix implements Matrix {
    private final Engine owner;
    private final int rows;
    private final int cols;

    /**
     * A rows × cols matrix of {@code owner}.
     *
     * @param owner the engine that allocates it; only that engine's calls accept it
     * @param rows the number of rows, at least 1
     * @param cols the number of columns, at least 1
     * @throws IllegalArgumentException unless both dimensions are at least 1 and rows × cols fits an array
     * @throws NullPointerException if {@code owner} is null
     */
    protected OwnedMatrix(Engine owner, int rows, int cols) {
        Checks.allocate(rows, cols);
        this.owner = Objects.requireNonNull(owner, "owner");
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * {@code m} as a {@code type}, if {@code owner} allocated it. The owner is compared by
     * identity, so a matrix of another engine of the same provider is refused too.
     *
     * @param <M> the engine's matrix class
     * @param m the matrix an operation was given, possibly null
     * @param type the engine's matrix class
     * @param owner the engine whose operation runs
     * @param argument the SPI's name for the argument ("w", "delta", …), for the message
     * @return {@code m} itself, cast
     * @throws IllegalArgumentException if {@code m} is null, not a {@code type} or another engine's
     *     (the message is {@link Checks#notOwned}'s)
     */
    public static <M extends OwnedMatrix> M owned(Matrix m, Class<M> type, Engine owner, String argument) {
        if (type.isInstance(m) && ((OwnedMatrix) m).owner == owner) {
            return type.cast(m);
        }
        throw Checks.notOwned(argument, owner, m);
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int cols() {
        return cols;
    }

    /** "ref matrix 3×4": the engine's name and the shape. */
    @Override
    public String toString() {
        return owner.name() + " matrix " + shape();
    }
}
