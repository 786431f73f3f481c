package dev.backprop.engine.simd;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/**
 * Facts about the JVM the kernels are compiled for, read once.
 *
 * <p>Why FMA matters: {@code FloatVector.fma} becomes one instruction only where the JIT may use
 * FMA ({@code -XX:+UseFMA}, on by default on x86 with AVX2 or AVX-512 and on AArch64). Without
 * it (e.g. {@code -XX:UseAVX=0}, or an x86 CPU before Haswell) the Vector API falls back to
 * {@code Math.fma} lane by lane, over a hundred times slower; there a multiply and an add are
 * used instead. The choice depends on the JVM's flags only, never on timing, so an engine's
 * results stay the same from run to run on one JVM configuration.
 */
final class Platform {
    /** Whether the JIT turns {@code fma} into a fused multiply-add instruction. */
    static final boolean FMA = fmaInstructions();
    /**
     * Whether the JIT compiles masked vector loads and stores (the last, partial vector of a row):
     * x86 from AVX on, AArch64 with SVE. Without them (SSE only, NEON) the Vector API runs its Java
     * fallback for those accesses: the results are the same, but row tails are slower and allocate.
     */
    static final boolean MASKED_MEMORY = maskedMemory();
    /** Whether the JIT compiles vector gathers: x86 from AVX2 on, AArch64 with SVE. */
    static final boolean GATHER = level("UseAVX") >= 2 || level("UseSVE") >= 1;
    /**
     * Whether the JIT turns a two-vector {@code selectFrom} into one permute: x86 with AVX-512
     * ({@code vpermi2ps}). Elsewhere the Vector API may run it lane by lane in Java.
     */
    static final boolean TWO_VECTOR_PERMUTE = level("UseAVX") >= 3;

    private Platform() {
    }

    private static boolean maskedMemory() {
        return level("UseAVX") >= 1 || level("UseSVE") >= 1;
    }

    /**
     * The value of an integer HotSpot flag of this CPU family ({@code UseAVX} on x86,
     * {@code UseSVE} on AArch64), 0 on another family; when the JVM cannot say, 2 for UseAVX
     * (any x86 with a 256-bit or wider preferred vector has it) and 0 for UseSVE.
     */
    private static int level(String flag) {
        String arch = System.getProperty("os.arch");
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        boolean applies = flag.equals("UseAVX") ? x86 : arch.equals("aarch64");
        if (!applies) {
            return 0;
        }
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(hotspot.getVMOption(flag).getValue());
        } catch (RuntimeException | LinkageError e) {
            return x86 ? 2 : 0;
        }
    }

    private static boolean fmaInstructions() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot == null || Boolean.parseBoolean(hotspot.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot, or no such flag: assume the JIT knows how to compile fma.
            return true;
        }
    }
}
