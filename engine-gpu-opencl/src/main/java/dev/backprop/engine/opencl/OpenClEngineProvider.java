package dev.backprop.engine.opencl;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

/**
 * The OpenCL engine ("opencl"): Eq. 25 and BP1–BP4 as OpenCL C kernels on a GPU (or an
 * accelerator, or a CPU device such as PoCL), reached through {@code java.lang.foreign}.
 *
 * <p>Cheap to discover: constructing it and asking {@link #name()} or {@link #priority()} loads no
 * library. {@link #availability()} loads the OpenCL library and lists platforms and devices (once
 * per JVM); {@link #open()} creates the context and queue and builds the kernels.
 *
 * <p>Device choice: a GPU, else an accelerator, else a CPU device; {@code -Dbackprop.opencl.device}
 * overrides it with an index (as listed by {@code Engines.report()}), {@code gpu}, {@code cpu},
 * {@code accelerator} or part of the device's name.
 */
public final class OpenClEngineProvider implements EngineProvider {
    /** With a GPU the engine beats every CPU engine. */
    public static final int GPU_PRIORITY = 200;
    /** An accelerator (FPGA, many-core card): above the CPU engines, below a GPU. */
    public static final int ACCELERATOR_PRIORITY = 150;
    /**
     * On a CPU device the SIMD engine (100) is faster, so stay below it, above the reference (0).
     * Also the answer before anything has probed: see {@link #priority()}.
     */
    public static final int CPU_PRIORITY = 50;

    /**
     * For {@link java.util.ServiceLoader}; does nothing: no library is loaded until
     * {@link #availability()} or {@link #open()} is called.
     */
    public OpenClEngineProvider() {
    }

    @Override
    public String name() {
        return "opencl";
    }

    /**
     * {@value #GPU_PRIORITY} when the chosen device is a GPU, {@value #ACCELERATOR_PRIORITY} when it
     * is an accelerator, {@value #CPU_PRIORITY} on a CPU device or when no device can be used.
     * The device type is known only after {@link #availability()} has probed (in this JVM); until
     * then this answers {@value #CPU_PRIORITY}, so that discovery never loads a native library and a
     * machine without a GPU never prefers this engine to a faster CPU one.
     */
    @Override
    public int priority() {
        Probe probe = Probe.lastOrNull();
        return probe == null ? CPU_PRIORITY : probe.priority();
    }

    @Override
    public Availability availability() {
        return Probe.get().availability;
    }

    /**
     * Creates the context and in-order queue on the chosen device and builds the kernels.
     *
     * @throws IllegalStateException when OpenCL is unavailable here, with the reason and the fix
     * @throws ClException when the driver refuses the context, the queue or the build
     */
    @Override
    public Engine open() {
        Probe probe = Probe.get();
        if (probe.chosen == null) {
            throw new IllegalStateException("engine 'opencl' is unavailable: " + probe.availability.detail());
        }
        return new OpenClEngine(probe.cl, probe.chosen);
    }
}
