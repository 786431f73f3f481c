package dev.backprop.engine.ref;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

/** The reference engine: always available, lowest priority, so any faster engine wins. */
public final class RefEngineProvider implements EngineProvider {
    /** Below every other engine. */
    public static final int PRIORITY = 0;

    /** For {@link java.util.ServiceLoader}; does nothing, so discovery costs nothing. */
    public RefEngineProvider() {
    }

    @Override
    public String name() {
        return "ref";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        return Availability.available("plain Java loops on one thread, float32; runs on any JVM 17+");
    }

    @Override
    public Engine open() {
        return new RefEngine();
    }
}
