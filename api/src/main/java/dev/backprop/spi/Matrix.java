package dev.backprop.spi;

/**
 * A rows × cols float32 matrix stored by an engine (host arrays, device buffers, …), row-major.
 *
 * <p>A matrix belongs to the engine that allocated it; passing it to another engine is an error
 * the engine reports. Rows of a batch matrix are examples.
 */
public interface Matrix {
    /**
     * The number of rows: m, the examples, for a batch matrix; out for W^l; 1 for b^l.
     *
     * @return at least 1, fixed when the matrix is allocated
     */
    int rows();

    /**
     * The number of columns: the neurons of a layer for a batch matrix or b^l; in for W^l.
     *
     * @return at least 1, fixed when the matrix is allocated
     */
    int cols();

    /**
     * The number of elements.
     *
     * @return rows × cols, the floats a full {@link Engine#read} or {@link Engine#write} moves
     */
    default int size() {
        return rows() * cols();
    }

    /**
     * The shape, for error messages.
     *
     * @return "rows×cols", such as {@code "10×30"}
     */
    default String shape() {
        return rows() + "×" + cols();
    }
}
