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
 */
public class HostMatrix extends OwnedMatrix {
    private float[] data;

    /** A zero-filled rows × cols matrix of {@code owner}. */
    public HostMatrix(Engine owner, int rows, int cols) {
        this(owner, rows, cols, float[]::new);
    }

    /**
     * A rows × cols matrix of {@code owner} whose array comes from {@code allocator} (say, one
     * placed on a cache line), called with rows × cols once the shape has been checked.
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
     */
    protected float[] array() {
        return data;
    }

    /** Makes {@code copy}, which holds the same contents as the current array, the live array. */
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
     * @param argument the SPI's name for the argument, for the message
     * @throws IllegalArgumentException if {@code m} is not a HostMatrix allocated by {@code owner}
     */
    public static float[] data(Matrix m, Engine owner, String argument) {
        return owned(m, HostMatrix.class, owner, argument).array();
    }

    /** {@link Engine#write} for a heap engine: checks ownership and bounds, then copies. */
    public static void write(Engine owner, Matrix dst, float[] src, int offset) {
        float[] d = data(dst, owner, "dst");
        Checks.transfer("write", dst, src, offset);
        System.arraycopy(src, offset, d, 0, d.length);
    }

    /** {@link Engine#read} for a heap engine: checks ownership and bounds, then copies. */
    public static void read(Engine owner, Matrix src, float[] dst, int offset) {
        float[] s = data(src, owner, "src");
        Checks.transfer("read", src, dst, offset);
        System.arraycopy(s, 0, dst, offset, s.length);
    }
}
