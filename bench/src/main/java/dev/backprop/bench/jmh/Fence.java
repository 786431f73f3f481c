package dev.backprop.bench.jmh;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

/**
 * Makes a measurement include the work an engine has only queued. A device engine (OpenCL) may
 * return from {@code feedforward} as soon as its kernels are enqueued; reading one float back
 * through the same engine returns only when every earlier command of its in-order queue is done.
 * For the CPU engines the read is a one-float copy, so the fence costs nothing measurable.
 */
final class Fence {
    private final Engine engine;
    private final Matrix one;
    private final float[] sink = new float[1];

    Fence(Engine engine) {
        this.engine = engine;
        this.one = engine.allocate(1, 1);
        engine.write(one, new float[] {1f});
    }

    /** Waits for the engine's queued work; the value returned goes to a Blackhole. */
    float await() {
        engine.read(one, sink, 0);
        return sink[0];
    }
}
