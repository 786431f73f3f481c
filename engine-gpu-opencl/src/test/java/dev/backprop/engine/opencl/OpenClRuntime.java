package dev.backprop.engine.opencl;

import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.spi.Availability;

import org.junit.jupiter.api.Assumptions;

/**
 * The tests' gate: they need an OpenCL runtime with a device. Without one they are skipped with
 * the reason (a developer's machine may have none), except when the environment variable CI is
 * "true": CI installs PoCL, so a missing runtime there means the set-up broke, and it fails.
 */
final class OpenClRuntime {
    private OpenClRuntime() {
    }

    /** A provider whose availability() said yes; otherwise skips (or, under CI=true, fails) the calling tests. */
    static OpenClEngineProvider require() {
        OpenClEngineProvider provider = new OpenClEngineProvider();
        Availability availability = provider.availability();
        if (!availability.available()) {
            String message = "no usable OpenCL runtime, so the OpenCL engine's tests cannot run: " + availability.detail();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " [CI=true: CI installs PoCL, so this is a failure, not a skip]");
            }
            Assumptions.abort(message);
        }
        return provider;
    }

    /** The engine's binding, for counting live OpenCL objects (after {@link #require()}). */
    static Cl binding() {
        return Probe.get().cl;
    }
}
