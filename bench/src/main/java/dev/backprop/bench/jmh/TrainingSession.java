package dev.backprop.bench.jmh;

import dev.backprop.Backpropagation;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.spi.Engine;

/**
 * What the step benchmarks ({@link GradientBenchmark}, {@link AllocationBenchmark}) set up: an
 * engine opened by name, a {@link Backpropagation} session for a shape with seeded N(0,1/n_in)
 * parameters, one mini-batch of seeded inputs and one-hot targets, and a {@link Fence}.
 */
final class TrainingSession implements AutoCloseable {
    final Engine engine;
    final Backpropagation bp;
    final Fence fence;
    final float[] x;
    final float[] y;
    final int batch;

    TrainingSession(String engineName, String shape, int batch) {
        this.engine = EngineChoice.open(engineName);
        Network network = Shapes.network(shape);
        try {
            this.bp = Backpropagation.open(engine, network);
            bp.setParameters(Parameters.initialize(network, Init.SCALED_NORMAL, 1));
            this.fence = new Fence(engine);
        } catch (RuntimeException e) {
            engine.close(); // JMH calls no tear-down after a failed set-up
            throw e;
        }
        this.x = Shapes.inputs(batch, network.inputWidth(), 2);
        this.y = Shapes.oneHot(batch, network.outputWidth(), 3);
        this.batch = batch;
    }

    /** Feeds the mini-batch forward and sets its targets: the start of every step. */
    void feed() {
        bp.feedforward(x, 0, batch);
        bp.setTargets(y, 0);
    }

    @Override
    public void close() {
        bp.close();
        engine.close();
    }
}
