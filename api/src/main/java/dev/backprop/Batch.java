package dev.backprop;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

/**
 * The engine matrices of {@link Backpropagation} for one batch size m: activations, weighted
 * inputs, errors and targets of every layer, and dropout masks of the hidden layers (allocated
 * the first time a mini-batch of this size is masked).
 */
final class Batch {
    final int rows;
    /** a[0] = x, a[l + 1] = σ(z[l]). */
    final Matrix[] activations;
    final Matrix[] weightedInputs;
    final Matrix[] errors;
    final Matrix targets;
    /** Dropout masks r^l of the hidden layers, null until first used. */
    final Matrix[] masks;

    Batch(Engine engine, Network network, int rows) {
        this.rows = rows;
        int depth = network.depth();
        activations = new Matrix[depth + 1];
        weightedInputs = new Matrix[depth];
        errors = new Matrix[depth];
        activations[0] = engine.allocate(rows, network.inputWidth());
        for (int l = 0; l < depth; l++) {
            int width = network.layer(l).width();
            weightedInputs[l] = engine.allocate(rows, width);
            activations[l + 1] = engine.allocate(rows, width);
            errors[l] = engine.allocate(rows, width);
        }
        targets = engine.allocate(rows, network.outputWidth());
        masks = new Matrix[depth];
    }

    /** The mask matrix of hidden layer {@code layer}, made on first use. */
    Matrix mask(Engine engine, Network network, int layer) {
        if (masks[layer] == null) {
            masks[layer] = engine.allocate(rows, network.layer(layer).width());
        }
        return masks[layer];
    }
}
