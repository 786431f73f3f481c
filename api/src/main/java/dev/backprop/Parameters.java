package dev.backprop;

import dev.backprop.internal.Heap;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * The weights and biases of a {@link Network}, float32. Weights of layer l are row-major
 * W[out][in] (row j holds the weights into neuron j), as in the book and network.py.
 *
 * <pre>{@code
 * Parameters p = Parameters.initialize(network, Init.STANDARD_NORMAL, 42);
 * float w = p.weights(0)[j * network.fanIn(0) + k];     // w^2_{jk}
 * }</pre>
 *
 * <p>Mutable: the trainer writes the trained values back into it. {@link #copy()} takes a snapshot.
 *
 * <p><b>Thread safety.</b> Not thread-safe: the arrays are live and unguarded. Share a
 * {@link #copy()} or a {@link Predictor} (which takes its own snapshot) between threads instead,
 * and do not read parameters while a {@link Trainer} may write them back.
 */
public final class Parameters {
    private final Network network;
    private final float[][] weights;
    private final float[][] biases;

    private Parameters(Network network, float[][] weights, float[][] biases) {
        this.network = network;
        this.weights = weights;
        this.biases = biases;
    }

    /** All zeros. */
    public static Parameters zeros(Network network) {
        // Network.Builder keeps each layer's width × fan-in within one array; the sum may still be
        // more than this heap holds.
        String shortfall = Heap.shortfall(4 * network.parameterCount(), "the " + network.parameterCount()
                + " weights and biases of " + network + " as floats");
        if (shortfall != null) {
            throw new IllegalArgumentException(shortfall);
        }
        int depth = network.depth();
        float[][] weights = new float[depth][];
        float[][] biases = new float[depth][];
        for (int l = 0; l < depth; l++) {
            weights[l] = new float[network.layer(l).width() * network.fanIn(l)];
            biases[l] = new float[network.layer(l).width()];
        }
        return new Parameters(network, weights, biases);
    }

    /**
     * Draws weights and biases from Gaussians with a seeded {@link Random}, layer by layer,
     * weights before biases. The same seed gives the same bits on every JVM ({@code Random}'s
     * algorithm is specified).
     */
    public static Parameters initialize(Network network, Init init, long seed) {
        Objects.requireNonNull(init, "init");
        Parameters p = zeros(network);
        Random random = new Random(seed);
        for (int l = 0; l < network.depth(); l++) {
            double scale = init == Init.SCALED_NORMAL ? 1.0 / Math.sqrt(network.fanIn(l)) : 1.0;
            float[] w = p.weights[l];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (random.nextGaussian() * scale);
            }
            float[] b = p.biases[l];
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) random.nextGaussian();
            }
        }
        return p;
    }

    /**
     * Wraps existing arrays (not copied), checking their lengths against the network.
     *
     * @throws IllegalArgumentException naming the layer and the expected and actual lengths
     */
    public static Parameters of(Network network, float[][] weights, float[][] biases) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(biases, "biases");
        int depth = network.depth();
        if (weights.length != depth || biases.length != depth) {
            throw new IllegalArgumentException("network has " + depth + " layers after the input, got "
                    + weights.length + " weight arrays and " + biases.length + " bias arrays");
        }
        for (int l = 0; l < depth; l++) {
            int out = network.layer(l).width();
            int in = network.fanIn(l);
            if (weights[l] == null || biases[l] == null) {
                throw new IllegalArgumentException("layer " + (l + 2) + " has no " + (weights[l] == null ? "weight" : "bias")
                        + " array");
            }
            if (weights[l].length != out * in) {
                throw new IllegalArgumentException("weights of layer " + (l + 2) + ": expected " + out + "×" + in
                        + " = " + out * in + " floats, got " + weights[l].length);
            }
            if (biases[l].length != out) {
                throw new IllegalArgumentException("biases of layer " + (l + 2) + ": expected " + out
                        + " floats, got " + biases[l].length);
            }
        }
        return new Parameters(network, weights, biases);
    }

    public Network network() {
        return network;
    }

    /** The live weight array of layer {@code index} (0 = the first layer after the input), out × in. */
    public float[] weights(int index) {
        return weights[index];
    }

    /** The live bias array of layer {@code index}. */
    public float[] biases(int index) {
        return biases[index];
    }

    /** A deep copy. */
    public Parameters copy() {
        float[][] w = new float[weights.length][];
        float[][] b = new float[biases.length][];
        for (int l = 0; l < weights.length; l++) {
            w[l] = weights[l].clone();
            b[l] = biases[l].clone();
        }
        return new Parameters(network, w, b);
    }

    /** Copies every value of {@code source}, which must belong to an equal network. */
    public void copyFrom(Parameters source) {
        if (!source.network.equals(network)) {
            throw new IllegalArgumentException("parameters of " + source.network + " do not fit " + network);
        }
        for (int l = 0; l < weights.length; l++) {
            System.arraycopy(source.weights[l], 0, weights[l], 0, weights[l].length);
            System.arraycopy(source.biases[l], 0, biases[l], 0, biases[l].length);
        }
    }

    /**
     * The first value that is NaN or infinite, described as "weights of layer 3 [12]", or null
     * when every value is finite.
     */
    public String firstNonFinite() {
        for (int l = 0; l < weights.length; l++) {
            int i = firstNonFinite(weights[l]);
            if (i >= 0) {
                return "weights of layer " + (l + 2) + " [" + i + "] = " + weights[l][i];
            }
            i = firstNonFinite(biases[l]);
            if (i >= 0) {
                return "biases of layer " + (l + 2) + " [" + i + "] = " + biases[l][i];
            }
        }
        return null;
    }

    private static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Σ ‖W^l‖², the L2 term of the regularised cost (Eq. 85), in double. */
    public double sumOfSquaredWeights() {
        double sum = 0;
        for (float[] w : weights) {
            for (float v : w) {
                sum += (double) v * v;
            }
        }
        return sum;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Parameters p && p.network.equals(network)
                && Arrays.deepEquals(p.weights, weights) && Arrays.deepEquals(p.biases, biases);
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, Arrays.deepHashCode(weights), Arrays.deepHashCode(biases));
    }

    @Override
    public String toString() {
        return "Parameters of " + network + " (" + network.parameterCount() + " values)";
    }
}
