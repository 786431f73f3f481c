/**
 * The Vector API engine, found by {@link dev.backprop.Engines} as the provider named {@code simd}.
 *
 * <p>On the module path this module requires {@code jdk.incubator.vector}, so resolving it (service
 * binding does, once {@code dev.backprop.api} is resolved) resolves the incubator module too and the
 * engine is available without {@code --add-modules}. On the class path the module descriptor is
 * ignored and the JVM needs {@code --add-modules=jdk.incubator.vector}; without it the provider
 * reports itself unavailable and says so. {@code --enable-native-access=dev.backprop.engine.simd}
 * (or {@code ALL-UNNAMED} on the class path) lets it keep matrices on cache lines.
 */
module dev.backprop.engine.simd {
    requires dev.backprop.api;
    requires jdk.incubator.vector;
    // HotSpotDiagnosticMXBean: which instructions the JIT may use (Platform).
    requires jdk.management;

    provides dev.backprop.spi.EngineProvider with dev.backprop.engine.simd.SimdEngineProvider;
}
