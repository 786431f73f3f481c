package dev.backprop;

import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

/**
 * Runs a trained network forward: outputs, classes, and evaluation on a data set.
 *
 * <pre>{@code
 * try (Predictor predictor = Predictor.open(parameters)) {
 *     int digit = predictor.classify(image);          // the index of the largest output
 *     System.out.println(predictor.evaluate(mnist.test()));
 * }
 * }</pre>
 *
 * <p>It takes a snapshot of the parameters when opened; later training does not change it.
 */
public final class Predictor implements AutoCloseable {
    private final Engine engine;
    private final Backpropagation bp;
    private final float[] output;

    private Predictor(Engine engine, Parameters parameters) {
        this.engine = engine;
        try {
            this.bp = Backpropagation.open(engine, parameters.network());
            bp.setParameters(parameters);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        this.output = new float[parameters.network().outputWidth()];
    }

    /** A predictor on the engine {@link Engines#open()} chooses. */
    public static Predictor open(Parameters parameters) {
        return new Predictor(Engines.open(), parameters);
    }

    /** A predictor on the given engine. */
    public static Predictor open(Parameters parameters, EngineProvider provider) {
        return new Predictor(provider.open(), parameters);
    }

    /** The output a^L for one input x. */
    public float[] predict(float[] input) {
        Network network = bp.network();
        if (input.length != network.inputWidth()) {
            throw new IllegalArgumentException("input has " + input.length + " values, the network takes "
                    + network.inputWidth());
        }
        bp.feedforward(input, 0, 1);
        bp.readOutput(output, 0);
        return output.clone();
    }

    /** The index of the largest output for one input (the first on ties). */
    public int classify(float[] input) {
        float[] a = predict(input);
        return Backpropagation.argmax(a, 0, a.length);
    }

    /** Mean cost and, for labelled data, accuracy. */
    public Evaluation evaluate(Dataset data) {
        return bp.evaluate(data);
    }

    @Override
    public void close() {
        bp.close();
        engine.close();
    }
}
