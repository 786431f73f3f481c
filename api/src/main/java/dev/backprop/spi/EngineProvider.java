package dev.backprop.spi;

/**
 * Finds and opens an {@link Engine}; listed in {@code META-INF/services/dev.backprop.spi.EngineProvider}.
 *
 * <p>Discovery must be cheap and must not fail: a provider does no native set-up, kernel build or
 * thread start in its constructor or in {@link #availability()} beyond what it needs to answer.
 * A provider class must not mention types of optional modules (such as
 * {@code jdk.incubator.vector}) so that it can report them missing instead of failing to load.
 *
 * <p>A provider must be thread-safe: {@link #open()} may be called from several threads at once
 * (a shared {@link dev.backprop.Predictor} opens an engine per concurrent caller).
 */
public interface EngineProvider {
    /**
     * The name users select the engine by.
     *
     * @return a short lower-case name for {@code -Dbackprop.engine=NAME}: "ref", "simd",
     *     "opencl"; unique among the engines on a classpath
     */
    String name();

    /**
     * The rank of the engine when the user names none: the available engine with the highest
     * priority is chosen. Read only after {@link #availability()} has been asked, so an engine
     * may rank itself by what it found.
     *
     * @return the priority, higher first: ref has 0 (the lowest), simd 100, opencl 200 on a GPU
     */
    int priority();

    /**
     * Whether {@link #open()} can work on this JVM and machine, with the reason when not. Asked
     * once per {@link dev.backprop.Engines}; it should return, not throw (a throw is reported as
     * unavailable).
     *
     * @return available with what was found (device, vector width), or unavailable with the
     *     reason and the fix
     */
    Availability availability();

    /**
     * Opens a new engine, independent of any other this provider opened.
     *
     * @return an open engine, the caller's to close; it may hold native resources until then
     * @throws IllegalStateException if the engine is unavailable here, with the reason of
     *     {@link #availability()}
     */
    Engine open();
}
