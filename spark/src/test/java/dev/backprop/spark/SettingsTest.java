package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Adam;
import dev.backprop.Network;
import dev.backprop.Optimizer;
import dev.backprop.Parameters;
import dev.backprop.RmsProp;
import dev.backprop.Schedule;
import dev.backprop.Trainer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

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
        assertEquals("SparkTrainer[local steps (k = 7) and averaging, sgd, η = 0.5, λ = 2.0, mini-batch 20, 3 epochs, "
                + "seed 9, engine ref]", trainer.toString());
    }

    /** Chapter 3's settings: Trainer's rules and words, each value kept as given. */
    @Test
    void chapter3SettingsAreCheckedAsTrainerChecksThem() {
        for (Executable[] pair : new Executable[][] {
                {() -> Trainer.builder().lambda1(-1), () -> SparkTrainer.builder().lambda1(-1)},
                {() -> Trainer.builder().dropout(1), () -> SparkTrainer.builder().dropout(1)},
                {() -> Trainer.builder().warmUp(-2), () -> SparkTrainer.builder().warmUp(-2)}}) {
            assertEquals(assertThrows(IllegalArgumentException.class, pair[0]).getMessage(),
                    assertThrows(IllegalArgumentException.class, pair[1]).getMessage());
        }
        assertEquals("the dropout probability p must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder().dropout(1)).getMessage());
        assertThrows(NullPointerException.class, () -> SparkTrainer.builder().optimizer(null));
        assertThrows(NullPointerException.class, () -> SparkTrainer.builder().schedule(null));
        assertEquals("the halving schedule halving:10 halves η when the watched metric stops improving, and SparkTrainer "
                        + "watches none (no validation data or early stopping); use Schedule.step(every, factor) or "
                        + "Schedule.exponential(gamma)",
                assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder().schedule(Schedule.halving(10)))
                        .getMessage());

        SparkTrainer trainer = SparkTrainer.builder().optimizer(Optimizer.nesterov(0.8)).lambda1(0.5).dropout(0.25)
                .schedule(Schedule.step(3, 0.5)).warmUp(2).learningRate(0.1).engine("ref").build();
        assertEquals("nesterov(μ = 0.8)", trainer.optimizer().toString());
        assertEquals(0.5, trainer.lambda1());
        assertEquals(0.25, trainer.dropout());
        assertEquals(Schedule.step(3, 0.5), trainer.schedule());
        assertEquals(2, trainer.warmUp());
        assertEquals("SparkTrainer[synchronous gradient, nesterov(μ = 0.8), η = 0.1, λ = 0.0, λ₁ = 0.5, dropout 0.25, "
                + "schedule step:3:0.5, warm-up 2 epochs, mini-batch 10, 30 epochs, seed 1, engine ref]", trainer.toString());
    }

    /** Every rule of the api travels to the executors and comes back as the same rule. */
    @Test
    void everyOptimiserTravelsToTheExecutors() throws Exception {
        for (Optimizer rule : new Optimizer[] {Optimizer.sgd(), Optimizer.momentum(0.7), Optimizer.nesterov(0.9),
                Optimizer.adam(), new Adam(0.8, 0.99, 1e-6, 0), Optimizer.adamW(0.02), Optimizer.rmsProp(),
                new RmsProp(0.95, 1e-7)}) {
            OptimizerSpec spec = OptimizerSpec.of(rule);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(spec);
            }
            OptimizerSpec travelled;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                travelled = (OptimizerSpec) in.readObject();
            }
            assertEquals(spec, travelled);
            Optimizer rebuilt = travelled.optimizer();
            assertEquals(rule.getClass(), rebuilt.getClass());
            assertEquals(rule.toString(), rebuilt.toString(), "every hyper-parameter survives");
        }
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
