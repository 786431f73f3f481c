package dev.backprop.engine.simd;

import dev.backprop.spi.EngineProvider;
import dev.backprop.tck.EngineCompatibilityKit;

/**
 * The SIMD engine against the whole compatibility kit. Surefire runs it three times: at the
 * machine's widest vectors, with -XX:MaxVectorSize=32 (256 bits) and with -XX:UseAVX=0 (128 bits).
 */
class SimdTckTest extends EngineCompatibilityKit {
    @Override
    protected EngineProvider provider() {
        return new SimdEngineProvider();
    }
}
