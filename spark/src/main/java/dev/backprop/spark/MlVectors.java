package dev.backprop.spark;

import org.apache.spark.ml.linalg.Vector;

/**
 * The one class that names Spark ML's {@link Vector}: loaded only when a features value is one,
 * so that training from {@code array<float>} columns works on a Spark without MLlib's jars.
 */
final class MlVectors {
    private MlVectors() {
    }

    /** The vector's values, zeros included for a sparse one. */
    static double[] toArray(Object vector) {
        return ((Vector) vector).toArray();
    }
}
