package dev.backprop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable architecture: the input width, the layers after it, and the cost.
 *
 * <pre>{@code
 * Network book = Network.of(784, 30, 10);               // chapter 1: sigmoid, quadratic cost
 * Network chapter3 = Network.builder(784)
 *         .layer(100, Activations.SIGMOID)
 *         .layer(10, Activations.SIGMOID)
 *         .cost(Costs.CROSS_ENTROPY)
 *         .build();
 * }</pre>
 *
 * <p>Layers are numbered as in the book: the input is layer 1, so {@code layer(0)} here is the
 * book's layer 2 and the output layer is layer L = {@code depth() + 1}.
 *
 * <p>Immutable and thread-safe (a custom {@link Activation} or {@link Cost} must be too).
 * {@link Builder} is not thread-safe.
 */
public final class Network {
    /** The most elements a Java array may hold on common JVMs; a weight matrix is one array. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int inputWidth;
    private final List<Layer> layers;
    private final Cost cost;

    private Network(int inputWidth, List<Layer> layers, Cost cost) {
        this.inputWidth = inputWidth;
        this.layers = List.copyOf(layers);
        this.cost = cost;
    }

    /**
     * The book's {@code Network([784, 30, 10])}: sigmoid neurons in every layer and the quadratic cost.
     *
     * @param sizes the width of every layer, the input first; at least two, each at least 1
     * @return the network, whose {@link #sizes()} equals {@code sizes}
     * @throws IllegalArgumentException if there are fewer than two sizes, a width is below 1, or
     *     a layer's weights would not fit in one Java array
     */
    public static Network of(int... sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs an input width and at least one layer, got sizes "
                    + Arrays.toString(sizes));
        }
        Builder builder = builder(sizes[0]);
        for (int l = 1; l < sizes.length; l++) {
            builder.layer(sizes[l], Activations.SIGMOID);
        }
        return builder.cost(Costs.QUADRATIC).build();
    }

    /**
     * Starts a network whose input has the given width.
     *
     * @param inputWidth the number of inputs per example (784 for MNIST); checked by
     *     {@link Builder#build()}, which refuses a width below 1
     * @return a builder with no layers yet and the quadratic cost
     */
    public static Builder builder(int inputWidth) {
        return new Builder(inputWidth);
    }

    /**
     * The size of x.
     *
     * @return the number of inputs per example: the book's {@code sizes[0]}
     */
    public int inputWidth() {
        return inputWidth;
    }

    /**
     * The size of a^L and of y.
     *
     * @return the number of neurons of the output layer: the book's {@code sizes[-1]}
     */
    public int outputWidth() {
        return layers.get(layers.size() - 1).width();
    }

    /**
     * The layers after the input, in feedforward order.
     *
     * @return an unmodifiable list of {@link #depth()} layers; element 0 is the book's layer 2
     */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * The number of layers after the input.
     *
     * @return the number of weight matrices, L − 1 in the book's numbering; at least 1
     */
    public int depth() {
        return layers.size();
    }

    /**
     * One layer after the input.
     *
     * @param index 0 for the first layer after the input (the book's layer 2) up to
     *     {@code depth() - 1} for the output layer
     * @return that layer's width and activation
     * @throws IndexOutOfBoundsException if {@code index} is outside [0, depth())
     */
    public Layer layer(int index) {
        return layers.get(index);
    }

    /**
     * The width that layer {@code index} receives: the input width, or the previous layer's.
     *
     * @param index a layer index as in {@link #layer(int)}
     * @return the number of columns of that layer's weight matrix W (out × in)
     * @throws IndexOutOfBoundsException if {@code index} is outside [0, depth())
     */
    public int fanIn(int index) {
        return index == 0 ? inputWidth : layers.get(index - 1).width();
    }

    /**
     * The cost C that training minimises and evaluation reports.
     *
     * @return the cost, which also supplies BP1 for the output layer
     */
    public Cost cost() {
        return cost;
    }

    /**
     * The widths of all layers, the input first: the book's {@code sizes}.
     *
     * @return a new array of {@code depth() + 1} widths, the caller's to change
     */
    public int[] sizes() {
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = inputWidth;
        for (int l = 0; l < layers.size(); l++) {
            sizes[l + 1] = layers.get(l).width();
        }
        return sizes;
    }

    /**
     * The number of weights and biases, Σ_l out_l × (in_l + 1).
     *
     * @return the number of floats a {@link Parameters} of this network holds (23860 for
     *     [784, 30, 10])
     */
    public long parameterCount() {
        long count = 0;
        for (int l = 0; l < layers.size(); l++) {
            count += (long) layers.get(l).width() * (fanIn(l) + 1);
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Network n && n.inputWidth == inputWidth && n.layers.equals(layers)
                && n.cost.equals(cost);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputWidth, layers, cost);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Network[").append(inputWidth);
        for (Layer layer : layers) {
            s.append(", ").append(layer.width()).append(' ').append(layer.activation().id());
        }
        return s.append("; cost ").append(cost.id()).append(']').toString();
    }

    /**
     * Builds a {@link Network}. Each layer is checked on its own when it is added; how layers fit
     * together and with the cost is checked when {@link #build()} is called.
     */
    public static final class Builder {
        private final int inputWidth;
        private final List<Layer> layers = new ArrayList<>();
        private Cost cost = Costs.QUADRATIC;

        private Builder(int inputWidth) {
            this.inputWidth = inputWidth;
        }

        /**
         * Appends a layer of {@code width} neurons with activation σ.
         *
         * @param width the number of neurons, at least 1
         * @param activation σ of the new layer; one that is not element-wise (softmax) is legal
         *     only as the last layer
         * @return this builder
         * @throws IllegalArgumentException if {@code width} is below 1
         * @throws NullPointerException if {@code activation} is null
         */
        public Builder layer(int width, Activation activation) {
            layers.add(new Layer(width, activation));
            return this;
        }

        /**
         * Sets the cost; quadratic unless set.
         *
         * @param cost the cost to minimise; {@link #build()} checks that it suits the output
         *     layer's activation ({@link Cost#incompatibility})
         * @return this builder
         * @throws NullPointerException if {@code cost} is null
         */
        public Builder cost(Cost cost) {
            this.cost = Objects.requireNonNull(cost, "cost");
            return this;
        }

        /**
         * Checks the architecture and returns it. The builder may go on to build more networks.
         *
         * @return the immutable network
         * @throws IllegalArgumentException naming the layer and the rule it breaks: an input width
         *     below 1, no layer, a weight matrix larger than one Java array, an activation that is
         *     not element-wise in a hidden layer, or a cost that does not suit the output
         *     activation
         */
        public Network build() {
            if (inputWidth < 1) {
                throw new IllegalArgumentException("the input needs a width of at least 1, got " + inputWidth);
            }
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("a network needs at least one layer after the input; add one with layer(width, activation)");
            }
            for (int l = 0; l < layers.size(); l++) {
                int fanIn = l == 0 ? inputWidth : layers.get(l - 1).width();
                long weights = (long) layers.get(l).width() * fanIn;
                if (weights > MAX_ARRAY) {
                    throw new IllegalArgumentException("layer " + (l + 2) + " would hold " + layers.get(l).width() + " × "
                            + fanIn + " = " + weights + " weights, more than the " + MAX_ARRAY
                            + " one Java array holds; use narrower layers");
                }
            }
            int last = layers.size() - 1;
            for (int l = 0; l < last; l++) {
                Activation f = layers.get(l).activation();
                if (!f.isElementwise()) {
                    throw new IllegalArgumentException("layer " + (l + 2) + " (hidden) uses " + f.id()
                            + ", which is not element-wise; BP2 multiplies by σ′(z) neuron by neuron, so "
                            + f.id() + " is only legal in the output layer");
                }
            }
            Activation output = layers.get(last).activation();
            Optional<String> problem = cost.incompatibility(output);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("output layer " + (last + 2) + ": " + problem.get());
            }
            if (!output.isElementwise() && cost != Costs.LOG_LIKELIHOOD) {
                throw new IllegalArgumentException("output layer " + (last + 2) + " uses " + output.id()
                        + ", whose Jacobian is not diagonal; it is legal only with the log-likelihood cost, got "
                        + cost.id());
            }
            return new Network(inputWidth, layers, cost);
        }
    }
}
