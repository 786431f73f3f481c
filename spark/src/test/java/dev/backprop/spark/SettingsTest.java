package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Network;
import dev.backprop.Parameters;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** What is refused before any job runs: settings, serializers, networks that cannot travel. */
class SettingsTest {

    /** The same rules and words as Trainer's builder. */
    @Test
    void hyperParametersAreCheckedAsTrainerChecksThem() {
        assertEquals("the learning rate η must be positive and finite, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder().learningRate(-1)).getMessage());
        assertEquals("the mini-batch size must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder().miniBatchSize(0)).getMessage());
        assertEquals("local steps per round must be at least 1, got k = 0",
                assertThrows(IllegalArgumentException.class, () -> Mode.localSteps(0)).getMessage());
        assertEquals("engine name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder().engine(" ")).getMessage());
        SparkTrainer trainer = SparkTrainer.builder().mode(Mode.localSteps(7)).learningRate(0.5).lambda(2)
                .miniBatchSize(20).epochs(3).seed(9).engine("ref").build();
        assertEquals("SparkTrainer[local steps (k = 7) and averaging, η = 0.5, λ = 2.0, mini-batch 20, 3 epochs, seed 9, "
                + "engine ref]", trainer.toString());
    }

    /** Kryo would lose a cached partition's examples on its way between executors: refused up front. */
    @Test
    void kryoIsRefusedBeforeAnyJob() {
        SparkConf kryo = new SparkConf(false).set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        assertEquals("backprop-spark needs Spark's default serializer (spark.serializer="
                        + "org.apache.spark.serializer.JavaSerializer); this application sets "
                        + "spark.serializer=org.apache.spark.serializer.KryoSerializer. Kryo would drop data of the cached "
                        + "partitions; remove the setting for this application",
                assertThrows(IllegalStateException.class, () -> TrainingRun.requireJavaSerializer(kryo)).getMessage());
        TrainingRun.requireJavaSerializer(new SparkConf(false));
    }

    /** A custom activation that cannot be serialized is named before any job runs. */
    @Test
    void aCustomActivationMustBeSerializable() {
        Activation swish = new Activation() {
            @Override
            public String id() {
                return "swish";
            }

            @Override
            public float value(float z) {
                return z / (1 + (float) Math.exp(-z));
            }

            @Override
            public float derivative(float z) {
                float s = 1 / (1 + (float) Math.exp(-z));
                return s + z * s * (1 - s);
            }
        };
        Network network = Network.builder(8).layer(4, swish).layer(3, Activations.SIGMOID).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder().build()
                .train(Parameters.zeros(network), TestData.rdd(LocalSpark.context(), TestData.classification(6, 8, 1), 1),
                        null));
        assertEquals("activation 'swish' of layer 2 (" + swish.getClass().getName() + ") must implement "
                + "java.io.Serializable to travel to Spark's executors", e.getMessage());
    }
}
