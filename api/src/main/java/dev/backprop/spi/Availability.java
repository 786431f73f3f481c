package dev.backprop.spi;

import java.util.Objects;

/**
 * Whether an engine can run here, and if not, why and how to fix it.
 *
 * @param available whether {@link EngineProvider#open()} will work
 * @param detail a line for {@code Engines.report()}: what was found (device, vector width) when
 *     available, the reason and the fix otherwise
 */
public record Availability(boolean available, String detail) {
    public Availability {
        Objects.requireNonNull(detail, "detail");
    }

    public static Availability available(String detail) {
        return new Availability(true, detail);
    }

    /**
     * @param reason what is missing
     * @param fix what the user can do about it, e.g. "start the JVM with --add-modules=jdk.incubator.vector"
     */
    public static Availability unavailable(String reason, String fix) {
        return new Availability(false, reason + "; " + fix);
    }
}
