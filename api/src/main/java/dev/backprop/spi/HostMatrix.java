package dev.backprop.spi;

/**
 * A row-major float[] matrix on the Java heap, for engines that compute on the heap (the
 * reference and SIMD engines). It remembers the engine that allocated it, so an engine can refuse
 * a matrix of another instance with one call, and every heap engine words that refusal, and its
 * copies in and out, the same way.
 *
 * <pre>{@code
 * public Matrix allocate(int rows, int cols) { checkOpen(); return new HostMatrix(this, rows, cols); }
 * float[] w = HostMatrix.data(wMatrix, this, "w");      // IllegalArgumentException if not ours
 * }</pre>
 */
public final class HostMatrix implements Matrix {
    private final Engine owner;
    private final int rows;
    private final int cols;
    private final float[] data;

    /** A zero-filled rows × cols matrix of {@code owner}. */
    public HostMatrix(Engine owner, int rows, int cols) {
        Checks.allocate(rows, cols);
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
        this.data = new float[rows * cols];
    }

    /**
     * The live array of {@code m}, row-major.
     *
     * @param argument the SPI's name for the argument, for the message
     * @throws IllegalArgumentException if {@code m} is not a HostMatrix allocated by {@code owner}
     */
    public static float[] data(Matrix m, Engine owner, String argument) {
        if (!(m instanceof HostMatrix h) || h.owner != owner) {
            throw Checks.notOwned(argument, owner, m);
        }
        return h.data;
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

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public String toString() {
        return owner.name() + " matrix " + shape();
    }
}
