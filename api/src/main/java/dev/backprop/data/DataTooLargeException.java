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
 *     System.err.println(e.getMessage());
 *     // "big.csv: needs about 3.1 GiB of heap, but this JVM has 1.2 GiB left of its
 *     //  maximum 2.0 GiB (-Xmx); start java with a larger -Xmx (for example -Xmx7g), or read
 *     //  fewer rows (Csv.maxRows) or columns (Csv.ignore)"
 * }
 * }</pre>
 */
public final class DataTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The bytes the data would take (part of the serialized form). */
    private final long needed;
    /** The bytes the heap had left (part of the serialized form). */
    private final long available;

    /**
     * Makes the exception; its message is {@code "<what>: needs about <needed> of heap, but this
     * JVM has <available> left of its maximum <-Xmx>; start java with a larger -Xmx (for example
     * -Xmx<size>), or <advice>"}, the sizes in MiB or GiB, the suggested {@code -Xmx} twice what
     * is needed plus what is in use now.
     *
     * @param what      what was being read, for the message ("data.csv", "the data set")
     * @param needed    the bytes the data would take
     * @param available the bytes the heap had left
     * @param advice    how to read less, appended to the message; null or empty for none
     */
    public DataTooLargeException(String what, long needed, long available, String advice) {
        super(what + ": needs about " + Heap.human(needed) + " of heap, but this JVM has "
                + Heap.human(available) + " left of its maximum " + Heap.maximum()
                + "; start java with a larger -Xmx (for example -Xmx" + Heap.suggestedXmx(needed) + ")"
                + (advice == null || advice.isEmpty() ? "" : ", or " + advice));
        this.needed = needed;
        this.available = available;
    }

    /**
     * How much the refused data needed.
     *
     * @return the bytes the data would have taken (an estimate when judged from a file's first
     *     rows)
     */
    public long needed() {
        return needed;
    }

    /**
     * How much there was.
     *
     * @return the bytes the heap (or the reader's {@link Csv#memoryLimit memory limit}) had left
     *     when the data was refused
     */
    public long available() {
        return available;
    }
}
