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
    /**
     * Checks that there is something to report.
     *
     * @throws NullPointerException if {@code detail} is null
     */
    public Availability {
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * An engine that can run here.
     *
     * <pre>{@code
     * return Availability.available("plain Java loops on one thread, float32; runs on any JVM 17+");
     * }</pre>
     *
     * @param detail what was found, such as the device or the vector width
     * @return an available answer with that detail
     */
    public static Availability available(String detail) {
        return new Availability(true, detail);
    }

    /**
     * An engine that cannot run here, and what to do about it.
     *
     * <pre>{@code
     * return Availability.unavailable("module jdk.incubator.vector is not resolved",
     *         "start the JVM with --add-modules=jdk.incubator.vector");
     * }</pre>
     *
     * @param reason what is missing
     * @param fix what the user can do about it, e.g. "start the JVM with --add-modules=jdk.incubator.vector"
     * @return an unavailable answer whose detail is {@code reason + "; " + fix}
     */
    public static Availability unavailable(String reason, String fix) {
        return new Availability(false, reason + "; " + fix);
    }
}
