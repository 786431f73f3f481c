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

    private Platform() {
    }

    private static boolean maskedMemory() {
        String arch = System.getProperty("os.arch");
        String flag = arch.equals("amd64") || arch.equals("x86_64") ? "UseAVX" : arch.equals("aarch64") ? "UseSVE" : null;
        if (flag == null) {
            return false;
        }
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot == null || Integer.parseInt(hotspot.getVMOption(flag).getValue()) > 0;
        } catch (RuntimeException | LinkageError e) {
            return true;
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
