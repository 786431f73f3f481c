package dev.backprop.bench.jmh;

import dev.backprop.Network;
import dev.backprop.data.Dataset;
import dev.backprop.Activations;
import dev.backprop.Costs;

import java.util.Random;

/**
 * Turns the {@code @Param} strings of the benchmarks into networks and synthetic data.
 *
 * <p>A shape is the book's {@code sizes} written with {@code x}: {@code "784x30x10"} is
 * {@code Network([784, 30, 10])}. Benchmarks use sigmoid layers and the quadratic cost, as in
 * chapter 1; the arithmetic per step does not depend on the cost.
 */
final class Shapes {
    private Shapes() {
    }

    static int[] sizes(String shape) {
        String[] parts = shape.trim().split("x");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            sizes[i] = Integer.parseInt(parts[i]);
        }
        return sizes;
    }

    static Network network(String shape) {
        int[] sizes = sizes(shape);
        Network.Builder builder = Network.builder(sizes[0]);
        for (int l = 1; l < sizes.length; l++) {
            builder.layer(sizes[l], Activations.SIGMOID);
        }
        return builder.cost(Costs.QUADRATIC).build();
    }

    /** Inputs uniform in [0, 1) like pixel intensities, {@code rows} × {@code width}, seeded. */
    static float[] inputs(int rows, int width, long seed) {
        Random random = new Random(seed);
        float[] x = new float[rows * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        return x;
    }

    /** One-hot targets with random labels, {@code rows} × {@code classes}, seeded. */
    static float[] oneHot(int rows, int classes, long seed) {
        Random random = new Random(seed);
        float[] y = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            y[r * classes + random.nextInt(classes)] = 1f;
        }
        return y;
    }

    /** Labels uniform in [0, classes), seeded. */
    static int[] labels(int rows, int classes, long seed) {
        Random random = new Random(seed);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(classes);
        }
        return labels;
    }

    /** A seeded synthetic classification set for {@code network}: {@link #inputs} and {@link #labels}. */
    static Dataset trainingSet(Network network, int examples) {
        return Dataset.classification(inputs(examples, network.inputWidth(), 2), network.inputWidth(),
                labels(examples, network.outputWidth(), 3), network.outputWidth());
    }
}
