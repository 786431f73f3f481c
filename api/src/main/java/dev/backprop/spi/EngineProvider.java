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
    /** A short name users select with {@code -Dbackprop.engine=NAME}: "ref", "simd", "opencl". */
    String name();

    /** Higher wins when the user names no engine. The reference engine has the lowest. */
    int priority();

    /** Whether {@link #open()} can work on this JVM and machine, with the reason when not. */
    Availability availability();

    /** Opens an engine; it may hold native resources until closed. */
    Engine open();
}
