package dev.backprop;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

/** Providers listed in this module's test META-INF/services, to test discovery without real engines. */
final class FakeProviders {
    private FakeProviders() {
    }

    /** Available, priority 50. */
    public static final class Fast implements EngineProvider {
        public String name() {
            return "fast";
        }

        public int priority() {
            return 50;
        }

        public Availability availability() {
            return Availability.available("test engine");
        }

        public Engine open() {
            throw new UnsupportedOperationException("fake");
        }
    }

    /** Available, priority 10. */
    public static final class Slow implements EngineProvider {
        public String name() {
            return "slow";
        }

        public int priority() {
            return 10;
        }

        public Availability availability() {
            return Availability.available("test engine");
        }

        public Engine open() {
            throw new UnsupportedOperationException("fake");
        }
    }

    /** Highest priority but unavailable, so the choice must skip it. */
    public static final class Missing implements EngineProvider {
        public String name() {
            return "missing";
        }

        public int priority() {
            return 100;
        }

        public Availability availability() {
            return Availability.unavailable("the fake accelerator is absent", "install the fake driver");
        }

        public Engine open() {
            throw new IllegalStateException("unavailable");
        }
    }

    /** Its availability check throws; discovery must report it, not crash. */
    public static final class Throwing implements EngineProvider {
        public String name() {
            return "throwing";
        }

        public int priority() {
            return 90;
        }

        public Availability availability() {
            throw new NoClassDefFoundError("jdk/incubator/vector/FloatVector");
        }

        public Engine open() {
            throw new IllegalStateException("unavailable");
        }
    }

    /** Fails to instantiate: the ServiceLoader iterator throws for it. */
    public static final class Exploding implements EngineProvider {
        public Exploding() {
            throw new IllegalStateException("boom in constructor");
        }

        public String name() {
            return "exploding";
        }

        public int priority() {
            return 1;
        }

        public Availability availability() {
            return Availability.available("never");
        }

        public Engine open() {
            throw new IllegalStateException();
        }
    }

    /**
     * Knows its real priority only after looking at the machine, like an OpenCL engine that ranks
     * itself high only when it finds a GPU: 5 before availability() ran, 200 after.
     */
    public static final class Shy implements EngineProvider {
        private volatile boolean probed;

        public String name() {
            return "shy";
        }

        public int priority() {
            return probed ? 200 : 5;
        }

        public Availability availability() {
            probed = true;
            return Availability.available("found its accelerator");
        }

        public Engine open() {
            throw new UnsupportedOperationException("fake");
        }
    }
}
