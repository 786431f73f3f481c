package dev.backprop.data;

import dev.backprop.internal.Heap;

import java.io.IOException;

/**
 * Data that would not fit in what is left of the Java heap, refused before it is allocated: the
 * message gives the bytes needed, the bytes left, the JVM's maximum and how to raise it
 * ({@code -Xmx}), or how to read less.
 *
 * <pre>{@code
 * try {
 *     table = Csv.regression("price").read(bigFile);
 * } catch (DataTooLargeException e) {
 *     System.err.println(e.getMessage());   // "...needs about 3.1 GiB, 1.2 GiB left of -Xmx2g..."
 * }
 * }</pre>
 */
public final class DataTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long needed;
    private final long available;

    /**
     * @param what      what was being read, for the message ("data.csv", "the data set")
     * @param needed    the bytes the data would take
     * @param available the bytes the heap had left
     * @param advice    how to read less, appended to the message
     */
    public DataTooLargeException(String what, long needed, long available, String advice) {
        super(what + ": needs about " + Heap.human(needed) + " of heap, but this JVM has "
                + Heap.human(available) + " left of its maximum " + Heap.maximum()
                + "; start java with a larger -Xmx (for example -Xmx" + Heap.suggestedXmx(needed) + ")"
                + (advice == null || advice.isEmpty() ? "" : ", or " + advice));
        this.needed = needed;
        this.available = available;
    }

    /** The bytes the data would have taken. */
    public long needed() {
        return needed;
    }

    /** The bytes the heap had left when the data was refused. */
    public long available() {
        return available;
    }
}
