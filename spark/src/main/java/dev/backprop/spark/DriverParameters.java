package dev.backprop.spark;

import dev.backprop.Network;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

/**
 * The parameters and the combined gradient of mode 1 in the driver's engine: written from and
 * read into the {@link Flat} layout, stepped by a {@link DriverStep}. Only the public engine SPI
 * is used; the engine stays the caller's to close.
 */
final class DriverParameters {
    private final Engine engine;
    private final Network network;
    private final Matrix[] weights;
    private final Matrix[] biases;
    private final Matrix[] weightGradients;
    private final Matrix[] biasGradients;

    DriverParameters(Engine engine, Network network) {
        this.engine = engine;
        this.network = network;
        int depth = network.depth();
        weights = new Matrix[depth];
        biases = new Matrix[depth];
        weightGradients = new Matrix[depth];
        biasGradients = new Matrix[depth];
        for (int l = 0; l < depth; l++) {
            int out = network.layer(l).width();
            int in = network.fanIn(l);
            weights[l] = engine.allocate(out, in);
            biases[l] = engine.allocate(1, out);
            weightGradients[l] = engine.allocate(out, in);
            biasGradients[l] = engine.allocate(1, out);
        }
    }

    /** Writes {@code flat} into the engine's parameters. */
    void set(float[] flat) {
        copy(flat, weights, biases);
    }

    /** Reads the engine's parameters into {@code flat}. */
    void get(float[] flat) {
        int at = 0;
        for (int l = 0; l < network.depth(); l++) {
            engine.read(weights[l], flat, at);
            at += weights[l].size();
            engine.read(biases[l], flat, at);
            at += biases[l].size();
        }
    }

    /** One step with {@code gradient} (Flat layout), biases then weights of each layer, as Backpropagation.step orders them. */
    void step(float[] gradient, DriverStep rule) {
        copy(gradient, weightGradients, biasGradients);
        for (int l = 0; l < network.depth(); l++) {
            rule.apply(engine, biases[l], biasGradients[l], false);
            rule.apply(engine, weights[l], weightGradients[l], true);
        }
    }

    private void copy(float[] flat, Matrix[] w, Matrix[] b) {
        if (flat.length != Flat.length(network)) {
            throw new IllegalArgumentException("expected " + Flat.length(network) + " values for " + network + ", got "
                    + flat.length);
        }
        int at = 0;
        for (int l = 0; l < network.depth(); l++) {
            engine.write(w[l], flat, at);
            at += w[l].size();
            engine.write(b[l], flat, at);
            at += b[l].size();
        }
    }
}
