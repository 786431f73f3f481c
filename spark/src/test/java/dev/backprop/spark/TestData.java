package dev.backprop.spark;

import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Engines;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.data.Dataset;
import dev.backprop.spi.EngineProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Small data sets and networks for the unit tests, and their RDDs. */
final class TestData {
    private TestData() {
    }

    /** A [8, 6, 3] network with a cross-entropy cost: small, and every equation has work to do. */
    static Network network() {
        return Network.builder(8).layer(6, Activations.SIGMOID).layer(3, Activations.SIGMOID)
                .cost(Costs.CROSS_ENTROPY).build();
    }

    static Parameters parameters(Network network) {
        return Parameters.initialize(network, Init.SCALED_NORMAL, 7);
    }

    /**
     * {@code n} examples of {@code width} inputs in [0, 1); the class is which third of the range
     * the sum of the first two inputs falls in, so a network can learn it.
     */
    static Dataset classification(int n, int width, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * width];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < width; k++) {
                x[i * width + k] = random.nextFloat();
            }
            float s = x[i * width] + x[i * width + 1];
            labels[i] = s < 2f / 3 ? 0 : s < 4f / 3 ? 1 : 2;
        }
        return Dataset.classification(x, width, labels, 3);
    }

    /** The examples of {@code data}, in order, as {@link Example}s. */
    static List<Example> examples(Dataset data) {
        List<Example> list = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            list.add(data.hasLabels() ? Example.labelled(data.input(i), data.label(i))
                    : Example.of(data.input(i), data.target(i)));
        }
        return list;
    }

    /** {@code data} in {@code partitions} contiguous slices (parallelize keeps the order). */
    static JavaRDD<Example> rdd(JavaSparkContext sc, Dataset data, int partitions) {
        return sc.parallelize(examples(data), partitions);
    }

    /**
     * {@code data} in partitions of uneven sizes, [cuts[p], cuts[p+1]) in partition p: a union of
     * one-partition RDDs, which keeps their order.
     */
    static JavaRDD<Example> rdd(JavaSparkContext sc, Dataset data, int[] cuts) {
        List<Example> all = examples(data);
        JavaRDD<Example> rdd = sc.parallelize(all.subList(cuts[0], cuts[1]), 1);
        for (int p = 1; p + 1 < cuts.length; p++) {
            rdd = rdd.union(sc.parallelize(all.subList(cuts[p], cuts[p + 1]), 1));
        }
        return rdd;
    }

    /** The provider named {@code name} on this JVM. */
    static EngineProvider engine(String name) {
        return Engines.load().choose(name);
    }

    /** Whether the engine is available here (simd needs --add-modules=jdk.incubator.vector). */
    static boolean available(String name) {
        try {
            engine(name);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
