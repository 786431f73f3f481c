package dev.backprop.bench.jmh;

import dev.backprop.Engines;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

/**
 * Engines by name, as the {@code engine} {@code @Param} gives them, through the same discovery a
 * user's program uses ({@link Engines#load()}), so a new engine is benchmarked as soon as its jar
 * is on the class path.
 */
final class EngineChoice {
    private EngineChoice() {
    }

    /**
     * Why the engine called {@code name} cannot run in this JVM, or null when it can: not on the
     * class path, or there but unavailable (with the provider's reason and fix).
     */
    static String unavailable(String name) {
        try {
            Engines.load().choose(name);
            return null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return e.getMessage();
        }
    }

    /**
     * The provider called {@code name}. A benchmark calls this in its {@code @Setup}: an engine that
     * is missing fails that one benchmark with the reason, and JMH goes on with the next
     * ({@link Suite} leaves such engines out beforehand and says why).
     */
    static EngineProvider provider(String name) {
        String reason = unavailable(name);
        if (reason != null) {
            throw new IllegalStateException("skipped: " + reason);
        }
        return Engines.load().choose(name);
    }

    /** Opens the engine called {@code name}; see {@link #provider}. */
    static Engine open(String name) {
        return provider(name).open();
    }
}
