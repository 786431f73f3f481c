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

    /**
     * All weights and biases zero: a destination for {@link Backpropagation#getParameters} or
     * {@link Backpropagation#getGradient}, or a start to fill by hand. (Training from all zeros
     * keeps every neuron of a layer identical; start from {@link #initialize} instead.)
     *
     * @param network the architecture the arrays are sized for
     * @return new zero-filled parameters
     * @throws IllegalArgumentException if the weights and biases, as floats, do not fit the heap
     *     this JVM may still use (the message names the size and {@code -Xmx})
     */
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
     *
     * @param network the architecture
     * @param init how the weights are scaled; biases are N(0, 1) either way
     * @param seed the seed of the one {@link Random} that draws every value
     * @return new parameters
     * @throws IllegalArgumentException if they do not fit the heap, as {@link #zeros}
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
     * Wraps existing arrays (not copied), checking their lengths against the network. The
     * result shares the arrays with the caller: a later write to either is seen by both, and
     * training writes its results into them.
     *
     * <pre>{@code
     * Parameters p = Parameters.of(Network.of(2, 1), new float[][] {{0.5f, -0.5f}}, new float[][] {{0f}});
     * }</pre>
     *
     * @param network the architecture the arrays belong to
     * @param weights one array per layer after the input, {@code weights[l]} holding layer l's
     *     W row-major, out × in ({@code network.layer(l).width() × network.fanIn(l)} floats)
     * @param biases one array per layer after the input, {@code biases[l]} holding layer l's
     *     {@code network.layer(l).width()} biases
     * @return parameters backed by those arrays
     * @throws IllegalArgumentException naming the layer and the expected and actual lengths, or a
     *     missing (null) array of a layer
     * @throws NullPointerException if {@code network}, {@code weights} or {@code biases} is null
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

    /**
     * The architecture these parameters are shaped for.
     *
     * @return the network given when they were made
     */
    public Network network() {
        return network;
    }

    /**
     * The live weight array of layer {@code index}: writes to it change these parameters.
     *
     * @param index 0 for the first layer after the input (the book's layer 2), up to
     *     {@code network().depth() - 1}
     * @return W of that layer, row-major out × in: w^{index+2}_{jk} is at {@code j * fanIn + k}
     * @throws ArrayIndexOutOfBoundsException if {@code index} is not a layer
     */
    public float[] weights(int index) {
        return weights[index];
    }

    /**
     * The live bias array of layer {@code index}: writes to it change these parameters.
     *
     * @param index a layer index as in {@link #weights(int)}
     * @return b of that layer, one float per neuron
     * @throws ArrayIndexOutOfBoundsException if {@code index} is not a layer
     */
    public float[] biases(int index) {
        return biases[index];
    }

    /**
     * A deep copy: a snapshot that later training or writes to this object do not change.
     *
     * @return new parameters of the same network with arrays of their own
     */
    public Parameters copy() {
        float[][] w = new float[weights.length][];
        float[][] b = new float[biases.length][];
        for (int l = 0; l < weights.length; l++) {
            w[l] = weights[l].clone();
            b[l] = biases[l].clone();
        }
        return new Parameters(network, w, b);
    }

    /**
     * Copies every value of {@code source} into this object's arrays (which stay the same arrays).
     *
     * @param source parameters of a network equal to this one's
     * @throws IllegalArgumentException if {@code source} belongs to a different network
     */
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
     * Finds the first value that is NaN or infinite, layer by layer, weights before biases; used
     * to refuse parameters that would make every output NaN.
     *
     * @return a description such as {@code "weights of layer 3 [12] = NaN"} (book numbering,
     *     index into the array), or null when every value is finite
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

    /**
     * The sum of squared weights of the L2 term (λ/2n) Σ_w w² of the regularised cost (Eq. 85);
     * biases are not included.
     *
     * @return Σ_l ‖W^l‖², summed in double
     */
    public double sumOfSquaredWeights() {
        double sum = 0;
        for (float[] w : weights) {
            for (float v : w) {
                sum += (double) v * v;
            }
        }
        return sum;
    }

    /**
     * The sum of absolute weights of the L1 term (λ₁/n) Σ_w |w| (Eq. 95); biases are not included.
     *
     * @return Σ_l Σ |W^l_jk|, summed in double
     */
    public double sumOfAbsoluteWeights() {
        double sum = 0;
        for (float[] w : weights) {
            for (float v : w) {
                sum += Math.abs(v);
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
