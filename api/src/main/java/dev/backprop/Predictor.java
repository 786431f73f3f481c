package dev.backprop;

import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs a trained network forward (Eq. 25 through every layer): outputs, classes, and evaluation on
 * a data set. One predictor may be shared by any number of threads.
 *
 * <pre>{@code
 * try (Predictor predictor = Predictor.open(parameters)) {      // one per model, shared
 *     int digit = predictor.classify(image);                    // the index of the largest output
 *     float[] out = new float[10];
 *     predictor.predict(image, out);                            // no allocation in steady state
 *     predictor.predict(images, 1000, outputs);                 // 1000 rows at once
 *     System.out.println(predictor.evaluate(mnist.test()));
 * }
 * }</pre>
 *
 * <p><b>Thread safety.</b> Every method may be called from many threads at once. An {@link Engine}
 * serves one thread at a time, so the predictor keeps a pool of sessions (an engine with the
 * parameters copied in and its buffers), opened lazily when more threads predict at once than
 * sessions are idle, up to a limit ({@link #open(Parameters, EngineProvider, int)}; the number of
 * processors by default); a thread beyond the limit waits for a session. A call borrows a session
 * and returns it without locking or allocating once the pool is warm. Outputs depend only on the
 * input and the parameters, never on which session or thread computed them.
 *
 * <p>It takes a snapshot of the parameters when opened; later training does not change it.
 * Inputs are checked before any arithmetic: a wrong length or a NaN or infinite value is refused
 * with its row and column. {@link #close()} closes every engine; calls after it are refused.
 */
public final class Predictor implements AutoCloseable {
    /**
     * Rows fed forward in one engine call at most. Larger requests go in blocks of this size and
     * the rest in powers of two (100 = 64 + 32 + 4), so a session keeps buffers for at most
     * nine batch sizes whatever sizes callers ask for, and no row is computed twice or padded.
     */
    static final int MAX_BLOCK = 256;

    private final EngineProvider provider;
    private final Network network;
    private final Parameters snapshot;
    private final int maxSessions;
    /** Idle sessions; a null slot is empty. Sessions in use are in no slot. */
    private final AtomicReferenceArray<Session> idle;
    /** A permit per session that may exist: a thread holding one finds an idle session or may open one. */
    private final Semaphore permits;
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean closed;

    /** One engine with the parameters in it, used by one thread at a time. */
    private static final class Session {
        final Engine engine;
        final Backpropagation bp;
        final float[] row;

        Session(Engine engine, Backpropagation bp, int outputWidth) {
            this.engine = engine;
            this.bp = bp;
            this.row = new float[outputWidth];
        }

        void close() {
            try {
                bp.close();
            } finally {
                engine.close();
            }
        }
    }

    private Predictor(EngineProvider provider, Parameters parameters, int maxSessions) {
        Objects.requireNonNull(parameters, "parameters");
        if (maxSessions < 1) {
            throw new IllegalArgumentException("a predictor needs at least 1 session, got " + maxSessions);
        }
        String nonFinite = parameters.firstNonFinite();
        if (nonFinite != null) {
            throw new IllegalArgumentException("refusing to predict with non-finite parameters: " + nonFinite
                    + "; every output would be NaN (did training diverge?)");
        }
        this.provider = provider;
        this.network = parameters.network();
        this.snapshot = parameters.copy();
        this.maxSessions = maxSessions;
        this.idle = new AtomicReferenceArray<>(maxSessions);
        this.permits = new Semaphore(maxSessions);
        // The first session is opened now, so that an engine that cannot run this network
        // (a custom activation it does not support) fails here, not in the first caller's thread.
        idle.set(0, openSession());
        opened.set(1);
    }

    /**
     * A predictor on the engine {@link Engines#choose()} picks, with up to one session per
     * processor.
     *
     * @param parameters the trained weights and biases, all finite; copied, so later changes to
     *     them do not reach the predictor
     * @return an open predictor, the caller's to close
     * @throws IllegalArgumentException if a parameter is NaN or infinite, the engine cannot
     *     compute the network, or the engine named by {@value Engines#PROPERTY} is not on the
     *     classpath
     * @throws IllegalStateException if no engine (or not the named one) is available
     */
    public static Predictor open(Parameters parameters) {
        return open(parameters, Engines.load().choose());
    }

    /**
     * A predictor on the given engine, with up to one session per processor.
     *
     * @param parameters the trained weights and biases, all finite; copied
     * @param provider the engine to open one session of per concurrent caller
     * @return an open predictor, the caller's to close
     * @throws IllegalArgumentException if a parameter is NaN or infinite, or the engine cannot
     *     compute the network
     */
    public static Predictor open(Parameters parameters, EngineProvider provider) {
        return open(parameters, provider, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A predictor on the given engine with at most {@code maxSessions} engines open at once: the
     * most threads that compute at the same time; more wait for a free session. The first
     * session is opened now, so an engine that cannot run the network fails here; the others
     * are opened when needed.
     *
     * @param parameters the trained weights and biases, all finite; copied
     * @param provider the engine to open one session of per concurrent caller
     * @param maxSessions the most engines open at once, at least 1; each holds a copy of the
     *     parameters and its own buffers
     * @return an open predictor, the caller's to close
     * @throws IllegalArgumentException if a parameter is NaN or infinite, {@code maxSessions} is
     *                                  below 1, or the engine cannot compute the network
     */
    public static Predictor open(Parameters parameters, EngineProvider provider, int maxSessions) {
        return new Predictor(Objects.requireNonNull(provider, "provider"), parameters, maxSessions);
    }

    /**
     * The network this predictor runs.
     *
     * @return the architecture of the parameters it was opened with
     */
    public Network network() {
        return network;
    }

    /**
     * The output a^L for one input x, in a new array.
     *
     * @param input x, exactly {@code network().inputWidth()} finite values; not modified
     * @return a new array of {@code network().outputWidth()} values
     * @throws IllegalArgumentException if the length is wrong or an input is NaN or infinite
     * @throws IllegalStateException if the predictor is closed
     */
    public float[] predict(float[] input) {
        float[] output = new float[network.outputWidth()];
        predict(input, output);
        return output;
    }

    /**
     * Writes the output a^L for one input x into {@code output}, which must hold exactly the
     * network's output width; allocates nothing once warm.
     *
     * @param input x, exactly {@code network().inputWidth()} finite values; not modified
     * @param output receives a^L, exactly {@code network().outputWidth()} floats
     * @throws IllegalArgumentException if a length is wrong or an input is NaN or infinite;
     *     {@code output} is then untouched
     * @throws IllegalStateException if the predictor is closed
     */
    public void predict(float[] input, float[] output) {
        predict(input, 1, output);
    }

    /**
     * Feeds {@code rows} inputs forward at once: {@code inputs} holds them row after row
     * (rows × input width), and {@code outputs} receives a^L row after row (rows × output width).
     * Allocates nothing once warm. Any number of rows is fine: the engine gets them in blocks of
     * 256 and the rest in powers of two, so a session keeps buffers for a few batch sizes only.
     *
     * @param inputs exactly {@code rows × network().inputWidth()} finite values; not modified
     * @param rows the number of examples, at least 1
     * @param outputs receives exactly {@code rows × network().outputWidth()} floats
     * @throws IllegalArgumentException if {@code rows} is below 1, a length does not match
     *                                  {@code rows}, or an input is NaN or infinite (named by row
     *                                  and column); {@code outputs} is then untouched
     * @throws IllegalStateException    if the predictor is closed
     */
    public void predict(float[] inputs, int rows, float[] outputs) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(outputs, "outputs");
        int in = network.inputWidth();
        int out = network.outputWidth();
        if (rows < 1) {
            throw new IllegalArgumentException("predict needs at least 1 row, got " + rows);
        }
        if ((long) rows * in != inputs.length) {
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values; " + rows + " rows of the "
                    + in + " inputs the network takes are " + (long) rows * in);
        }
        if ((long) rows * out != outputs.length) {
            throw new IllegalArgumentException("outputs hold " + outputs.length + " values; " + rows + " rows of the "
                    + out + " outputs the network gives are " + (long) rows * out);
        }
        checkFinite(inputs, in);
        Session session = borrow();
        try {
            feedforward(session, inputs, rows, outputs);
        } finally {
            giveBack(session);
        }
    }

    /**
     * The outputs for many inputs, one array per row; computed as
     * {@link #predict(float[], int, float[])} on a copy of the rows.
     *
     * @param inputs one array of {@code network().inputWidth()} finite values per example; may
     *     be empty
     * @return one new array of {@code network().outputWidth()} values per input row, in order
     * @throws IllegalArgumentException if a row is null or its length is wrong, or an input is NaN
     *     or infinite
     * @throws IllegalStateException if the predictor is closed
     */
    public float[][] predict(float[][] inputs) {
        Objects.requireNonNull(inputs, "inputs");
        int in = network.inputWidth();
        int out = network.outputWidth();
        if (inputs.length == 0) {
            return new float[0][];
        }
        float[] flat = new float[Math.multiplyExact(inputs.length, in)];
        for (int r = 0; r < inputs.length; r++) {
            if (inputs[r] == null || inputs[r].length != in) {
                throw new IllegalArgumentException("row " + r + " has " + (inputs[r] == null ? "no array" : inputs[r].length
                        + " values") + ", the network takes " + in);
            }
            System.arraycopy(inputs[r], 0, flat, r * in, in);
        }
        float[] outputs = new float[Math.multiplyExact(inputs.length, out)];
        predict(flat, inputs.length, outputs);
        float[][] result = new float[inputs.length][];
        for (int r = 0; r < inputs.length; r++) {
            result[r] = Arrays.copyOfRange(outputs, r * out, (r + 1) * out);
        }
        return result;
    }

    /**
     * The index of the largest output for one input (the first on ties); allocates nothing once warm.
     *
     * @param input x, exactly {@code network().inputWidth()} finite values; not modified
     * @return the class j in [0, outputWidth) whose a^L_j is largest
     * @throws IllegalArgumentException if the length is wrong or an input is NaN or infinite
     * @throws IllegalStateException if the predictor is closed
     */
    public int classify(float[] input) {
        Objects.requireNonNull(input, "input");
        if (input.length != network.inputWidth()) {
            throw new IllegalArgumentException("input has " + input.length + " values, the network takes "
                    + network.inputWidth());
        }
        checkFinite(input, input.length);
        Session session = borrow();
        try {
            feedforward(session, input, 1, session.row);
            return Evaluator.argmax(session.row, 0, session.row.length);
        } finally {
            giveBack(session);
        }
    }

    /**
     * Mean cost and, for labelled data, accuracy. The data set is fed forward in chunks of 1000
     * rows on one session.
     *
     * @param data examples with the network's input and output widths, at least one
     * @return the mean cost C (no L2 term), and how many labelled examples the largest output
     *     classifies correctly
     * @throws IllegalArgumentException if the data set is empty or does not fit the network
     * @throws IllegalStateException if the predictor is closed
     */
    public Evaluation evaluate(Dataset data) {
        Objects.requireNonNull(data, "data");
        Session session = borrow();
        try {
            return Evaluator.evaluate(session.bp, data);
        } finally {
            giveBack(session);
        }
    }

    /**
     * How many sessions (engines) have been opened; they are opened on demand and stay open until
     * {@link #close()}, which closes them but does not reset this count.
     *
     * @return from 1 up to the limit given when opened
     */
    public int openSessions() {
        return opened.get();
    }

    /**
     * Closes every engine. Calls running in other threads finish first on their session, which
     * is closed when they return it; calls after this one are refused.
     */
    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < maxSessions; i++) {
            Session s = idle.getAndSet(i, null);
            if (s != null) {
                s.close();
            }
        }
    }

    private void feedforward(Session session, float[] inputs, int rows, float[] outputs) {
        int in = network.inputWidth();
        int out = network.outputWidth();
        int done = 0;
        while (done < rows) {
            int left = rows - done;
            int block = left >= MAX_BLOCK ? MAX_BLOCK : Integer.highestOneBit(left);
            session.bp.feedforward(inputs, done * in, block);
            session.bp.readOutput(outputs, done * out);
            done += block;
        }
    }

    private Session borrow() {
        checkOpen();
        permits.acquireUninterruptibly();
        try {
            int start = (int) (Thread.currentThread().getId() % maxSessions);
            while (true) {
                checkOpen();
                for (int i = 0; i < maxSessions; i++) {
                    int slot = (start + i) % maxSessions;
                    Session s = idle.get(slot);
                    if (s != null && idle.compareAndSet(slot, s, null)) {
                        return s;
                    }
                }
                // None idle: with a permit held, fewer than maxSessions are in use, so either one is
                // on its way back to a slot or another may be opened.
                int count = opened.get();
                if (count < maxSessions && opened.compareAndSet(count, count + 1)) {
                    try {
                        return openSession();
                    } catch (RuntimeException | Error e) {
                        opened.decrementAndGet();
                        throw e;
                    }
                }
                Thread.onSpinWait();
            }
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    private void giveBack(Session session) {
        try {
            if (closed) {
                session.close();
                return;
            }
            int start = (int) (Thread.currentThread().getId() % maxSessions);
            for (int i = 0; ; i = (i + 1) % maxSessions) {
                // A free slot exists: there are maxSessions slots and this session is in none.
                if (idle.compareAndSet((start + i) % maxSessions, null, session)) {
                    break;
                }
            }
            if (closed) {
                // close() may have swept the slots before this session reached one.
                close();
            }
        } finally {
            permits.release();
        }
    }

    private Session openSession() {
        Engine engine = provider.open();
        try {
            Backpropagation bp = Backpropagation.open(engine, network);
            bp.setParameters(snapshot);
            return new Session(engine, bp, network.outputWidth());
        } catch (RuntimeException | Error e) {
            engine.close();
            throw e;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Predictor is closed");
        }
    }

    /** Refuses a NaN or infinite input, naming its row and column; rows are {@code width} wide. */
    private static void checkFinite(float[] values, int width) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("input " + (i % width) + " of row " + (i / width) + " is "
                        + values[i] + "; every input must be a finite number");
            }
        }
    }
}
