package dev.backprop.spark;

import java.io.Serializable;

/**
 * Turns one element of a partition ({@link Example}, a {@code Row}, …) into x and a label or y.
 * Runs on the executors, inside {@link ShardReader}, which checks what the decoder wrote
 * (finite values, labels in range) and names the partition and row of anything wrong.
 *
 * @param <T> the element type of the RDD
 */
interface ExampleDecoder<T> extends Serializable {

    /**
     * Writes the item's input into {@code x} (exactly {@code x.length} values) and returns its
     * label, or returns −1 after writing its target into {@code y} ({@code y.length} values).
     *
     * @throws BadExample saying what is wrong with the item (the caller adds where it is)
     */
    int decode(T item, float[] x, float[] y) throws BadExample;

    /** What is wrong with one example; the message does not say where it is. */
    final class BadExample extends Exception {
        private static final long serialVersionUID = 1L;

        BadExample(String message) {
            super(message, null, false, false);
        }
    }

    /** The decoder of {@link Example}s. */
    enum Examples implements ExampleDecoder<Example> {
        INSTANCE;

        @Override
        public int decode(Example example, float[] x, float[] y) throws BadExample {
            if (example == null) {
                throw new BadExample("the example is null");
            }
            copy(example.input(), x, "input");
            if (example.hasLabel()) {
                return example.label();
            }
            copy(example.target(), y, "target");
            return -1;
        }

        private static void copy(float[] values, float[] dst, String what) throws BadExample {
            if (values.length != dst.length) {
                throw new BadExample("the " + what + " has " + values.length + " values, the network needs " + dst.length);
            }
            System.arraycopy(values, 0, dst, 0, dst.length);
        }
    }
}
