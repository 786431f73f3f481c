package dev.backprop.engine.ref;

import dev.backprop.spi.EngineProvider;
import dev.backprop.tck.EngineCompatibilityKit;

/** The reference engine against the whole compatibility kit. */
class RefEngineTckTest extends EngineCompatibilityKit {
    @Override
    protected EngineProvider provider() {
        return new RefEngineProvider();
    }
}
