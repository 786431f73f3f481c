package dev.backprop.engine.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Engines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Discovery and availability: lazy, never throwing, and when unavailable a reason with the fix.
 * The JVM-level cases (native access denied, no ICD, laziness) run {@link ChildProbe} in a fresh
 * JVM, because the probe is remembered per JVM.
 */
class AvailabilityTest {

    @Test
    void nameAndPriorityLoadNothingAndAvailabilityBuildsNothing() throws Exception {
        List<String> out = probeMain(List.of("--enable-native-access=ALL-UNNAMED"), Map.of());
        assertEquals("before name=opencl priority=50 mapped=false loaded=false", out.get(0));
        if (new OpenClEngineProvider().availability().available()) {
            // The probe loaded the library and listed devices, but created no context, queue or program.
            assertTrue(out.get(1).startsWith("after available=true") && out.get(1).endsWith("mapped=true live=0"), out.get(1));
        }
    }

    @Test
    void deniedNativeAccessIsUnavailableAndNamesTheFlag() throws Exception {
        List<String> out = probeMain(List.of("--illegal-native-access=deny"), Map.of());
        assertTrue(out.get(1).startsWith("after available=false"), out.get(1));
        assertTrue(out.get(2).contains("denies native access") && out.get(2).contains("--enable-native-access=ALL-UNNAMED"),
                out.get(2));
    }

    @Test
    void aLoaderWithoutDriversIsUnavailableAndSaysWhatToInstall() throws Exception {
        List<String> out = probeMain(List.of("--enable-native-access=ALL-UNNAMED"),
                Map.of("OCL_ICD_VENDORS", "/nonexistent/backprop-no-vendors"));
        assertTrue(out.get(1).startsWith("after available=false"), out.get(1));
        assertTrue(out.get(2).contains("apt-get install ocl-icd-libopencl1 pocl-opencl-icd"), out.get(2));
        if (Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libOpenCL.so.1"))) {
            assertTrue(out.get(2).contains("-1001"), out.get(2));
        }
    }

    @Test
    void aMissingLibraryIsUnavailableAndSaysWhatToInstall() {
        Probe probe = Probe.run(() -> new Cl(List.of("libOpenCL-missing.so.1")), "");
        assertFalse(probe.availability.available());
        assertTrue(probe.availability.detail().startsWith("no OpenCL library could be loaded"), probe.availability.detail());
        assertTrue(probe.availability.detail().contains("apt-get install ocl-icd-libopencl1 pocl-opencl-icd"));
        assertEquals(OpenClEngineProvider.CPU_PRIORITY, probe.priority());
    }

    @Test
    void aFailingProbeBecomesUnavailableInsteadOfThrowing() {
        Probe probe = Probe.run(() -> {
            throw new UnsatisfiedLinkError("simulated");
        }, "");
        assertFalse(probe.availability.available());
        probe = Probe.run(() -> {
            throw new IllegalStateException("simulated");
        }, "");
        assertFalse(probe.availability.available());
        assertTrue(probe.availability.detail().contains("simulated"), probe.availability.detail());
    }

    @Test
    void theDevicePropertyPicksByIndexTypeOrName() {
        OpenClRuntime.require();
        DeviceInfo first = Probe.run(Cl::load, "0").chosen;
        assertEquals(0, first.index());
        String part = first.name().substring(0, Math.min(6, first.name().length()));
        assertEquals(first.index(), Probe.run(Cl::load, part).chosen.index());
        String type = first.isGpu() ? "gpu" : first.isCpu() ? "cpu" : "accelerator";
        assertTrue(Probe.run(Cl::load, type).availability.available());
        Probe none = Probe.run(Cl::load, "no-such-device-anywhere");
        assertFalse(none.availability.available());
        assertTrue(none.availability.detail().contains("devices seen: [0]"), none.availability.detail());
        assertFalse(Probe.run(Cl::load, "99").availability.available());
    }

    @Test
    void theReportListsTheDevicesAndThePick() {
        OpenClEngineProvider provider = OpenClRuntime.require();
        String detail = provider.availability().detail();
        assertTrue(detail.startsWith("device [") && detail.contains("<- chosen") && detail.contains("-Dbackprop.opencl.device"),
                detail);
        DeviceInfo chosen = Probe.get().chosen;
        assertEquals(chosen.isGpu() ? 200 : chosen.isCpu() ? 50 : 150, provider.priority());
        String report = Engines.report();
        assertTrue(report.contains("opencl") && report.contains(chosen.name()), report);
    }

    @Test
    void aDeviceTooSmallForTheSmallestBlockOrWithoutACompilerIsRefused() {
        DeviceInfo tiny = device(8, 64, true);
        assertTrue(Probe.refusal(tiny).startsWith("is too small for the smallest matrix-product block 4x4x1"),
                Probe.refusal(tiny));
        assertTrue(Probe.refusal(device(1024, 1 << 15, false)).contains("no OpenCL C compiler"));
        assertEquals(null, Probe.refusal(device(1024, 1 << 15, true)));
        assertEquals(List.of(), Tile.candidates(tiny));
        assertEquals("64x16x4", Tile.candidates(device(1024, 1 << 15, true)).getFirst().toString());
        // 48 KiB local memory and 256 work-items (a common GPU) still take the largest block.
        assertEquals("64x16x4", Tile.candidates(device(256, 48 << 10, true)).getFirst().toString());
        assertEquals("32x8x4", Tile.candidates(device(128, 48 << 10, true)).getFirst().toString());
    }

    private static DeviceInfo device(long maxGroup, long localMemory, boolean compiler) {
        return new DeviceInfo(0, java.lang.foreign.MemorySegment.NULL, "test platform", "OpenCL 1.2",
                java.lang.foreign.MemorySegment.NULL, "test device", ClConstants.CL_DEVICE_TYPE_GPU, "OpenCL 1.2", "OpenCL C 1.2", 1,
                maxGroup, new long[] {maxGroup, maxGroup, maxGroup}, localMemory, 1L << 30, 1L << 28, true, compiler,
                false, false);
    }

    @Test
    void openingWhereUnavailableSaysWhy() {
        String old = System.getProperty(Probe.DEVICE_PROPERTY);
        System.setProperty(Probe.DEVICE_PROPERTY, "no-such-device-anywhere");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new OpenClEngineProvider().open());
            assertTrue(e.getMessage().startsWith("engine 'opencl' is unavailable: "), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(Probe.DEVICE_PROPERTY);
            } else {
                System.setProperty(Probe.DEVICE_PROPERTY, old);
            }
        }
    }

    /** Runs ChildProbe in a new JVM with this test's class path; returns its three output lines. */
    private static List<String> probeMain(List<String> jvmFlags, Map<String, String> environment)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildProbe.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ChildProbe did not finish");
        assertEquals(0, process.exitValue(), "ChildProbe failed:\n" + stdout + stderr);
        List<String> lines = stdout.lines().toList();
        assertEquals(3, lines.size(), "ChildProbe printed:\n" + stdout + stderr);
        return lines;
    }
}
