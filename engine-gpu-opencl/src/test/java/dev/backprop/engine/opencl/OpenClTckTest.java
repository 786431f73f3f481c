package dev.backprop.engine.opencl;

import dev.backprop.spi.Availability;
import dev.backprop.spi.EngineProvider;
import dev.backprop.tck.EngineCompatibilityKit;

/**
 * The OpenCL engine against the whole compatibility kit, on whatever device it picks (PoCL's CPU
 * device in CI). Skipped without an OpenCL runtime, except under CI=true, where it fails.
 */
class OpenClTckTest extends EngineCompatibilityKit {
    @Override
    protected EngineProvider provider() {
        return new OpenClEngineProvider();
    }

    @Override
    protected void whenUnavailable(Availability availability) {
        OpenClRuntime.require();
    }
}
