package dev.backprop.spi;

import java.util.function.IntFunction;

/**
 * A row-major float[] matrix on the Java heap, for engines that compute on the heap: the
 * reference engine uses it as it is, the SIMD engine extends it to keep its arrays on cache lines.
 * Ownership and shape come from {@link OwnedMatrix}; the copies in and out ({@link #write},
 * {@link #read}) are written here once, with their checks.
 *
 * <pre>{@code
 * public Matrix allocate(int rows, int cols) { checkOpen(); return new HostMatrix(this, rows, cols); }
 * public void write(Matrix dst, float[] src, int offset) { checkOpen(); HostMatrix.write(this, dst, src, offset); }
 * float[] w = HostMatrix.data(wMatrix, this, "w");      // IllegalArgumentException if not ours
 * }</pre>
 *
 * <p><b>Thread safety.</b> As its engine: the array is live and unguarded, and the copies in and
 * out are not atomic. A matrix is used by the one thread that uses its {@link dev.backprop.spi.Engine}.
 */
public class HostMatrix extends OwnedMatrix {
    private float[] data;

    /**
     * A zero-filled rows × cols matrix of {@code owner}, on a plain {@code new float[rows * cols]}.
     *
     * @param owner the engine that allocates it; only that engine's calls accept it
     * @param rows the number of rows, at least 1
     * @param cols the number of columns, at least 1; rows × cols must fit one Java array
     * @throws IllegalArgumentException if a dimension is below 1 or the product too large
     * @throws NullPointerException if {@code owner} is null
     */
    public HostMatrix(Engine owner, int rows, int cols) {
        this(owner, rows, cols, float[]::new);
    }

    /**
     * A rows × cols matrix of {@code owner} whose array comes from {@code allocator} (say, one
     * placed on a cache line), called with rows × cols once the shape has been checked.
     *
     * @param owner the engine that allocates it; only that engine's calls accept it
     * @param rows the number of rows, at least 1
     * @param cols the number of columns, at least 1; rows × cols must fit one Java array
     * @param allocator gives a new float[] of the length it is called with; the matrix keeps it
     *     (no copy) and its contents are the matrix's initial contents
     * @throws IllegalArgumentException if a dimension is below 1 or the product too large
     * @throws IllegalStateException if the allocator's array has another length
     */
    protected HostMatrix(Engine owner, int rows, int cols, IntFunction<float[]> allocator) {
        super(owner, rows, cols);
        float[] array = allocator.apply(rows * cols);
        if (array.length != rows * cols) {
            throw new IllegalStateException("the allocator gave " + array.length + " floats for a " + shape() + " matrix");
        }
        this.data = array;
    }

    /**
     * The live array, row-major. A subclass may move the contents to a new array first (with
     * {@link #moveTo}) and return that one.
     *
     * @return the array itself, not a copy, of rows × cols floats
     */
    protected float[] array() {
        return data;
    }

    /**
     * Makes {@code copy}, which holds the same contents as the current array, the live array.
     * The contents are not compared; the caller copies them.
     *
     * @param copy the new array, kept without a copy; the old one is dropped
     * @throws IllegalArgumentException if {@code copy} has another length than the current array
     */
    protected final void moveTo(float[] copy) {
        if (copy.length != data.length) {
            throw new IllegalArgumentException("moveTo: " + copy.length + " floats for a " + shape() + " matrix");
        }
        data = copy;
    }

    /**
     * The live array of {@code m}, row-major. Valid until the next call: an engine asks again in
     * each operation instead of keeping it.
     *
     * @param m the matrix an operation was given
     * @param owner the engine whose operation runs
     * @param argument the SPI's name for the argument, for the message
     * @return the live array of rows × cols floats, not a copy: writing it writes the matrix
     * @throws IllegalArgumentException if {@code m} is null or not a HostMatrix allocated by
     *     {@code owner}
     */
    public static float[] data(Matrix m, Engine owner, String argument) {
        return owned(m, HostMatrix.class, owner, argument).array();
    }

    /**
     * {@link Engine#write} for a heap engine: checks ownership and bounds, then copies.
     *
     * @param owner the engine whose write runs
     * @param dst the matrix to fill, overwritten entirely
     * @param src the host array; {@code src[offset … offset + dst.size())} is copied
     * @param offset the index in {@code src} of element (0, 0)
     * @throws IllegalArgumentException if {@code dst} is not {@code owner}'s or {@code src} holds
     *     fewer than {@code dst.size()} floats from {@code offset} on; nothing is copied then
     */
    public static void write(Engine owner, Matrix dst, float[] src, int offset) {
        float[] d = data(dst, owner, "dst");
        Checks.transfer("write", dst, src, offset);
        System.arraycopy(src, offset, d, 0, d.length);
    }

    /**
     * {@link Engine#read} for a heap engine: checks ownership and bounds, then copies.
     *
     * @param owner the engine whose read runs
     * @param src the matrix to copy, not modified
     * @param dst the host array; {@code dst[offset … offset + src.size())} is written
     * @param offset the index in {@code dst} for element (0, 0)
     * @throws IllegalArgumentException if {@code src} is not {@code owner}'s or {@code dst} has
     *     room for fewer than {@code src.size()} floats from {@code offset} on; nothing is
     *     written then
     */
    public static void read(Engine owner, Matrix src, float[] dst, int offset) {
        float[] s = data(src, owner, "src");
        Checks.transfer("read", src, dst, offset);
        System.arraycopy(s, 0, dst, offset, s.length);
    }
}
