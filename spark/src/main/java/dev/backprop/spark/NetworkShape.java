package dev.backprop.spark;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.Network;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A {@link Network} in a form that travels to executors with Java serialization: widths,
 * activations and cost. The built-in activations and costs are enums and travel as they are; a
 * custom one must implement {@link Serializable} (checked on the driver, before any job runs).
 * The executor rebuilds the network with the builder, so it is checked there as it was here.
 */
final class NetworkShape implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int inputWidth;
    private final int[] widths;
    private final Activation[] activations;
    private final Cost cost;
    private transient Network network;

    private NetworkShape(Network network) {
        this.inputWidth = network.inputWidth();
        this.widths = new int[network.depth()];
        this.activations = new Activation[network.depth()];
        for (int l = 0; l < network.depth(); l++) {
            widths[l] = network.layer(l).width();
            activations[l] = network.layer(l).activation();
        }
        this.cost = network.cost();
        this.network = network;
    }

    /**
     * @throws IllegalArgumentException if a custom activation or cost cannot be serialized
     */
    static NetworkShape of(Network network) {
        for (int l = 0; l < network.depth(); l++) {
            Activation f = network.layer(l).activation();
            if (!(f instanceof Serializable)) {
                throw new IllegalArgumentException("activation '" + f.id() + "' of layer " + (l + 2) + " ("
                        + f.getClass().getName() + ") must implement java.io.Serializable to travel to Spark's executors");
            }
        }
        if (!(network.cost() instanceof Serializable)) {
            throw new IllegalArgumentException("cost '" + network.cost().id() + "' (" + network.cost().getClass().getName()
                    + ") must implement java.io.Serializable to travel to Spark's executors");
        }
        return new NetworkShape(network);
    }

    /** The network, rebuilt once per deserialized copy. */
    Network network() {
        if (network == null) {
            Network.Builder builder = Network.builder(inputWidth);
            for (int l = 0; l < widths.length; l++) {
                builder.layer(widths[l], activations[l]);
            }
            network = builder.cost(cost).build();
        }
        return network;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkShape s && s.inputWidth == inputWidth && Arrays.equals(s.widths, widths)
                && Arrays.equals(s.activations, activations) && s.cost.equals(cost);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(widths) + Arrays.hashCode(activations)) + cost.hashCode() + inputWidth;
    }

    @Override
    public String toString() {
        return network().toString();
    }
}
