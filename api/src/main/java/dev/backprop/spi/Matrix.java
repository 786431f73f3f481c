package dev.backprop.spi;

/**
 * A rows × cols float32 matrix stored by an engine (host arrays, device buffers, …), row-major.
 *
 * <p>A matrix belongs to the engine that allocated it; passing it to another engine is an error
 * the engine reports. Rows of a batch matrix are examples.
 */
public interface Matrix {
    int rows();

    int cols();

    /** rows × cols. */
    default int size() {
        return rows() * cols();
    }

    /** "rows×cols", for error messages. */
    default String shape() {
        return rows() + "×" + cols();
    }
}
