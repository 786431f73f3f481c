package dev.backprop.bench.jmh;

/**
 * The JVM flags every benchmark fork carries, so that each engine can be available in it:
 * the SIMD engine needs the incubating Vector API module, the OpenCL engine native access.
 *
 * <p>They are compile-time constants because {@code @Fork(jvmArgsAppend = …)} needs them. JMH's
 * command-line {@code -jvmArgsAppend} <em>replaces</em> the annotation's list instead of adding
 * to it (docs/toolchain.md, "JMH's -jvmArgsAppend replaces"), so {@link Suite} puts these in
 * front of whatever a user appends.
 */
public final class Flags {
    public static final String VECTOR = "--add-modules=jdk.incubator.vector";
    public static final String NATIVE = "--enable-native-access=ALL-UNNAMED";

    private Flags() {
    }
}
