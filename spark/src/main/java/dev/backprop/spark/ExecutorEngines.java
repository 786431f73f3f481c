package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.Engines;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engines of one executor JVM: opened through {@link Engines} as a user program opens one
 * (so {@code -Dbackprop.engine} and {@code --add-modules=jdk.incubator.vector} in
 * {@code spark.executor.extraJavaOptions} choose there), kept for the life of the JVM, and closed
 * by a shutdown hook. An engine is used by one thread at a time (the SPI allows engines that are
 * not thread-safe), so the pool holds one per task running at once: on an executor with
 * {@code spark.executor.cores = c}, at most c engines are ever opened, however many rounds run.
 * Each engine keeps its {@link Backpropagation} buffers (and optimiser state) per network and
 * optimiser, so a round allocates nothing in the engine.
 */
final class ExecutorEngines {
    private static final Map<String, Deque<Lease>> IDLE = new HashMap<>();
    private static final List<Lease> ALL = new ArrayList<>();
    private static boolean hookInstalled;

    private ExecutorEngines() {
    }

    /** A session per network and optimiser. */
    private record SessionKey(NetworkShape shape, OptimizerSpec rule) {
    }

    /** An engine this thread has to itself until {@link #close()}. */
    static final class Lease implements AutoCloseable {
        private final String key;
        private final Engine engine;
        private final Map<SessionKey, Backpropagation> sessions = new HashMap<>();

        private Lease(String key, Engine engine) {
            this.key = key;
            this.engine = engine;
        }

        Engine engine() {
            return engine;
        }

        /** The engine's buffers for {@code shape}, opened on first use, for computing gradients and evaluating. */
        Backpropagation session(NetworkShape shape) {
            return session(shape, OptimizerSpec.SGD);
        }

        /**
         * The engine's buffers for {@code shape} stepping with {@code rule}, opened and given the
         * rule on first use: the rule's state is allocated in the engine once, not once per task
         * (a task writes the state it starts from over it).
         */
        Backpropagation session(NetworkShape shape, OptimizerSpec rule) {
            return sessions.computeIfAbsent(new SessionKey(shape, rule), key -> {
                Backpropagation bp = Backpropagation.open(engine, shape.network());
                bp.setOptimizer(rule.optimizer());
                return bp;
            });
        }

        /** Gives the engine back to the pool (it stays open). */
        @Override
        public void close() {
            synchronized (ExecutorEngines.class) {
                IDLE.get(key).push(this);
            }
        }
    }

    /**
     * An engine named {@code name} (or, when null, {@link Engines}' choice on this JVM): an idle one
     * from the pool, or a newly opened one.
     */
    static Lease borrow(String name) {
        String key = name == null ? "" : name;
        synchronized (ExecutorEngines.class) {
            Lease idle = IDLE.computeIfAbsent(key, k -> new ArrayDeque<>()).poll();
            if (idle != null) {
                return idle;
            }
        }
        // Opened outside the lock: an engine may take a while (OpenCL compiles its kernels).
        Engines engines = Engines.load();
        EngineProvider provider = name == null ? engines.choose() : engines.choose(name);
        Lease lease = new Lease(key, provider.open());
        synchronized (ExecutorEngines.class) {
            ALL.add(lease);
            if (!hookInstalled) {
                hookInstalled = true;
                Runtime.getRuntime().addShutdownHook(new Thread(ExecutorEngines::closeAll, "backprop-engines-close"));
            }
        }
        return lease;
    }

    /** How many engines this JVM has opened so far. */
    static synchronized int opened() {
        return ALL.size();
    }

    private static void closeAll() {
        List<Lease> leases;
        synchronized (ExecutorEngines.class) {
            leases = new ArrayList<>(ALL);
        }
        for (Lease lease : leases) {
            try {
                lease.engine.close();
            } catch (RuntimeException e) {
                // The JVM is going away; one engine's failure must not keep the others open.
            }
        }
    }
}
