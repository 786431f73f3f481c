package dev.backprop.engine.opencl;

import dev.backprop.spi.Availability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The look at this machine's OpenCL installation that {@code availability()} reports: the library,
 * its platforms and devices, and the device the engine will use. It loads the library and asks
 * questions, but creates no context and builds nothing (that is {@code open()}'s work).
 *
 * <p>The result is kept for the JVM's lifetime (per value of {@value #DEVICE_PROPERTY}), because
 * {@code ServiceLoader} makes a new provider object on every discovery and each look costs a
 * fraction of a second on PoCL.
 */
final class Probe {
    /** System property choosing the device: an index, "gpu", "cpu", "accelerator", or part of its name. */
    static final String DEVICE_PROPERTY = "backprop.opencl.device";

    static final String INSTALL = "install an OpenCL runtime: apt-get install ocl-icd-libopencl1 pocl-opencl-icd "
            + "for one on the CPU, or the GPU vendor's driver (NVIDIA, AMD ROCm, Intel compute-runtime)";
    static final String NATIVE_ACCESS_FLAG = "--enable-native-access=ALL-UNNAMED";

    private static Probe cached;
    private static String cachedFor;

    /** Unavailable: null. Available: the device that open() uses and the binding to reach it. */
    final DeviceInfo chosen;
    final Cl cl;
    final Availability availability;

    private Probe(Cl cl, DeviceInfo chosen, Availability availability) {
        this.cl = cl;
        this.chosen = chosen;
        this.availability = availability;
    }

    /** The probe for the current value of {@value #DEVICE_PROPERTY}, run once and then remembered. */
    static synchronized Probe get() {
        String wanted = System.getProperty(DEVICE_PROPERTY, "").strip();
        if (cached == null || !wanted.equals(cachedFor)) {
            cached = run(Cl::load, wanted);
            cachedFor = wanted;
        }
        return cached;
    }

    /** The last probe, or null when nothing has asked yet (priority() must not load the library). */
    static synchronized Probe lastOrNull() {
        return cached;
    }

    private static Probe unavailable(String reason, String fix) {
        return new Probe(null, null, Availability.unavailable(reason, fix));
    }

    /** One look. Every failure becomes an unavailable result with a fix; none escapes. */
    static Probe run(Supplier<Cl> loader, String wanted) {
        try {
            Cl cl;
            try {
                cl = loader.get();
            } catch (IllegalArgumentException | LinkageError e) {
                return unavailable("no OpenCL library could be loaded (tried " + String.join(", ", Cl.LIBRARY_NAMES)
                        + ": " + e.getMessage() + ")", INSTALL);
            }
            List<DeviceInfo> devices;
            try {
                devices = DeviceInfo.all(cl);
            } catch (ClException e) {
                if (e.code() == ClConstants.CL_PLATFORM_NOT_FOUND_KHR) {
                    return unavailable("the OpenCL loader " + cl.library + " found no platform (clGetPlatformIDs: -1001 "
                            + "CL_PLATFORM_NOT_FOUND_KHR; no driver listed in /etc/OpenCL/vendors or $OCL_ICD_VENDORS)",
                            INSTALL);
                }
                return unavailable("listing the OpenCL platforms and devices failed: " + e.getMessage(), INSTALL);
            }
            if (devices.isEmpty()) {
                return unavailable("the OpenCL loader " + cl.library + " found platforms but no device", INSTALL);
            }
            return choose(cl, devices, wanted);
        } catch (IllegalCallerException e) {
            return unavailable("the JVM denies native access to the OpenCL engine (" + e.getMessage() + ")",
                    "start the JVM with " + NATIVE_ACCESS_FLAG + " (or =dev.backprop.engine.opencl on the module path)");
        } catch (RuntimeException | LinkageError e) {
            return unavailable("probing OpenCL failed with " + e, INSTALL + "; if one is installed, report this");
        }
    }

    private static Probe choose(Cl cl, List<DeviceInfo> devices, String wanted) {
        DeviceInfo pick = wanted.isEmpty() ? preferred(devices) : named(devices, wanted);
        StringBuilder seen = new StringBuilder();
        for (DeviceInfo d : devices) {
            seen.append(seen.isEmpty() ? "" : ", ").append(d == pick ? d.brief() + " <- chosen" : d.describe());
        }
        String choose = "choose another with -D" + DEVICE_PROPERTY + "=INDEX|gpu|cpu|accelerator|NAME";
        if (pick == null) {
            return unavailable(wanted.isEmpty()
                    ? "no OpenCL device is available and has a compiler; devices seen: " + seen
                    : "no OpenCL device matches -D" + DEVICE_PROPERTY + "=" + wanted + "; devices seen: " + seen, choose);
        }
        String refusal = refusal(pick);
        if (refusal != null) {
            return unavailable("OpenCL device " + pick.describe() + " " + refusal + "; devices seen: " + seen, choose);
        }
        String warning = Probe.class.getModule().isNativeAccessEnabled() ? ""
                : " (add " + NATIVE_ACCESS_FLAG + " to silence the JVM's restricted-method warning)";
        return new Probe(cl, pick, Availability.available("device " + pick.describe() + " via " + cl.library
                + (wanted.isEmpty() ? "" : ", named by -D" + DEVICE_PROPERTY + "=" + wanted)
                + "; devices seen: " + seen + "; " + choose + warning));
    }

    /** A GPU if there is one, else an accelerator, else a CPU, else anything usable. */
    private static DeviceInfo preferred(List<DeviceInfo> devices) {
        for (long type : new long[] {ClConstants.CL_DEVICE_TYPE_GPU, ClConstants.CL_DEVICE_TYPE_ACCELERATOR, ClConstants.CL_DEVICE_TYPE_CPU, -1}) {
            for (DeviceInfo d : devices) {
                if ((d.type() & type) != 0 && d.available() && d.compilerAvailable()) {
                    return d;
                }
            }
        }
        return null;
    }

    private static DeviceInfo named(List<DeviceInfo> devices, String wanted) {
        String w = wanted.toLowerCase(Locale.ROOT);
        if (w.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(w);
            return index < devices.size() ? devices.get(index) : null;
        }
        List<DeviceInfo> matches = new ArrayList<>();
        for (DeviceInfo d : devices) {
            boolean typeMatch = switch (w) {
                case "gpu" -> d.isGpu();
                case "cpu" -> d.isCpu();
                case "accelerator" -> d.isAccelerator();
                default -> false;
            };
            if (typeMatch || (d.platformName() + " / " + d.name()).toLowerCase(Locale.ROOT).contains(w)) {
                matches.add(d);
            }
        }
        return matches.isEmpty() ? null : matches.getFirst();
    }

    /** Why the engine cannot run on {@code d}, or null when it can (as far as queries tell before a build). */
    static String refusal(DeviceInfo d) {
        if (!d.available()) {
            return "reports itself not available (CL_DEVICE_AVAILABLE is false)";
        }
        if (!d.compilerAvailable()) {
            return "has no OpenCL C compiler, and the engine builds its kernels from source";
        }
        if (!Tile.smallest().fits(d)) {
            return "is too small for the smallest matrix-product block " + Tile.smallest() + " (needs "
                    + Tile.smallest().groupSize() + " work-items in a 2-D group and " + Tile.smallest().localBytes()
                    + " bytes of local memory; has " + d.maxWorkGroupSize() + " and " + d.localMemory() + ")";
        }
        return null;
    }

    /** 200 for a GPU, 150 for an accelerator, 50 for a CPU device (the SIMD engine, 100, is faster there). */
    int priority() {
        if (chosen == null || chosen.isCpu() && !chosen.isGpu()) {
            return OpenClEngineProvider.CPU_PRIORITY;
        }
        return chosen.isGpu() ? OpenClEngineProvider.GPU_PRIORITY : OpenClEngineProvider.ACCELERATOR_PRIORITY;
    }
}
