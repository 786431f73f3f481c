package dev.backprop;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

/** Providers listed in this module's test META-INF/services, to test discovery without real engines. */
final class FakeProviders {
    private FakeProviders() {
    }

    /** A name, a priority and an availability fixed at construction; it opens no engine. */
    abstract static class Fixed implements EngineProvider {
        private final String name;
        private final int priority;
        private final Availability availability;

        Fixed(String name, int priority, Availability availability) {
            this.name = name;
            this.priority = priority;
            this.availability = availability;
        }

        public String name() {
            return name;
        }

        public int priority() {
            return priority;
        }

        public Availability availability() {
            return availability;
        }

        public Engine open() {
            throw new UnsupportedOperationException("fake");
        }
    }

    /** Available, priority 50. */
    public static final class Fast extends Fixed {
        public Fast() {
            super("fast", 50, Availability.available("test engine"));
        }
    }

    /** Available, priority 10. */
    public static final class Slow extends Fixed {
        public Slow() {
            super("slow", 10, Availability.available("test engine"));
        }
    }

    /** Highest priority but unavailable, so the choice must skip it. */
    public static final class Missing extends Fixed {
        public Missing() {
            super("missing", 100, Availability.unavailable("the fake accelerator is absent", "install the fake driver"));
        }

        @Override
        public Engine open() {
            throw new IllegalStateException("unavailable");
        }
    }

    /** Its availability check throws; discovery must report it, not crash. */
    public static final class Throwing extends Fixed {
        public Throwing() {
            super("throwing", 90, null);
        }

        @Override
        public Availability availability() {
            throw new NoClassDefFoundError("jdk/incubator/vector/FloatVector");
        }

        @Override
        public Engine open() {
            throw new IllegalStateException("unavailable");
        }
    }

    /** Fails to instantiate: the ServiceLoader iterator throws for it. */
    public static final class Exploding extends Fixed {
        public Exploding() {
            super("exploding", 1, Availability.available("never"));
            throw new IllegalStateException("boom in constructor");
        }
    }

    /**
     * Knows its real priority only after looking at the machine, like an OpenCL engine that ranks
     * itself high only when it finds a GPU: 5 before availability() ran, 200 after.
     */
    public static final class Shy extends Fixed {
        private volatile boolean probed;

        public Shy() {
            super("shy", 5, Availability.available("found its accelerator"));
        }

        @Override
        public int priority() {
            return probed ? 200 : super.priority();
        }

        @Override
        public Availability availability() {
            probed = true;
            return super.availability();
        }
    }
}
