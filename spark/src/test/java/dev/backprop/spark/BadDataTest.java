package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.Network;
import dev.backprop.Parameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Bad examples stop training before the first round, with the partition and row (0-based, in the
 * partition's order) in an {@link IllegalArgumentException}, and the caller's parameters untouched.
 */
class BadDataTest {
    private static final Network NETWORK = TestData.network();

    /** Three partitions of four examples; {@code bad} replaces the example at global index {@code at}. */
    private static JavaRDD<Example> withExample(int at, Example bad) {
        List<Example> examples = new ArrayList<>(TestData.examples(TestData.classification(12, 8, 1)));
        examples.set(at, bad);
        return LocalSpark.context().parallelize(examples, 3);
    }

    private static String failure(JavaRDD<Example> examples) {
        Parameters parameters = TestData.parameters(NETWORK);
        Parameters before = parameters.copy();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.builder().epochs(1).build().train(parameters, examples, null));
        assertEquals(before, parameters, "parameters changed although training never started");
        return e.getMessage();
    }

    @Test
    void aNaNInputNamesPartitionRowAndInput() {
        float[] x = new float[8];
        x[3] = Float.NaN;
        assertEquals("bad training example in partition 1, row 2: input 3 is NaN; every input must be a finite number",
                failure(withExample(6, Example.labelled(x, 0))));
    }

    @Test
    void aWrongWidthNamesPartitionAndRow() {
        assertEquals("bad training example in partition 2, row 0: the input has 5 values, the network needs 8",
                failure(withExample(8, Example.labelled(new float[5], 1))));
    }

    @Test
    void aLabelOutsideTheOutputsIsRefused() {
        assertEquals("bad training example in partition 0, row 3: label 3 is not a class of the network's 3 outputs "
                + "(0 to 2)", failure(withExample(3, Example.labelled(new float[8], 3))));
    }

    @Test
    void anInfiniteTargetIsRefused() {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            examples.add(Example.of(new float[8], new float[] {0, i == 2 ? Float.POSITIVE_INFINITY : 1, 0}));
        }
        assertEquals("bad training example in partition 0, row 2: target 1 is Infinity; every target must be a finite "
                + "number", failure(LocalSpark.context().parallelize(examples, 1)));
    }

    @Test
    void labelsAndTargetsAreNotMixed() {
        assertEquals("bad training example in partition 1, row 1: a target vector, where the rows before it have labels",
                failure(withExample(5, Example.of(new float[8], new float[3]))));
        List<Example> twoKinds = new ArrayList<>(TestData.examples(TestData.classification(2, 8, 1)));
        twoKinds.set(1, Example.of(new float[8], new float[3]));
        assertEquals("partition 0 has labels and partition 1 has target vectors; use one kind for all examples",
                failure(LocalSpark.context().parallelize(twoKinds, 2)));
    }

    @Test
    void noExamplesAtAll() {
        assertEquals("the training data is empty (2 partitions, none with an example)",
                failure(LocalSpark.context().parallelize(List.<Example>of(), 2)));
    }

    @Test
    void dataFrameColumnsAreCheckedBeforeAnyJob() {
        StructType schema = new StructType().add("pixels", DataTypes.StringType).add("label", DataTypes.DoubleType)
                .add("name", DataTypes.StringType);
        Dataset<Row> frame = LocalSpark.session().createDataFrame(List.of(RowFactory.create("x", 1.0, "a")), schema);
        SparkTrainer trainer = SparkTrainer.builder().epochs(1).build();
        Parameters p = TestData.parameters(NETWORK);
        assertEquals("features column 'pixels' is string; expected Spark ML's vector (e.g. from VectorAssembler), "
                        + "array<float> or array<double>",
                assertThrows(IllegalArgumentException.class, () -> trainer.train(p, frame, "pixels", "label", null))
                        .getMessage());
        assertEquals("no features column 'features'; the columns are pixels, label, name",
                assertThrows(IllegalArgumentException.class, () -> trainer.train(p, frame, "features", "label", null))
                        .getMessage());
        assertEquals("label column 'name' is string; expected a number holding the class index 0, 1, … (as Spark ML's "
                        + "classifiers take it)",
                assertThrows(IllegalArgumentException.class, () -> trainer.train(p,
                        frame.withColumn("f", org.apache.spark.sql.functions.array(
                                org.apache.spark.sql.functions.lit(1.0))), "f", "name", null)).getMessage());
    }

    /** A fractional label in a data frame: the row is named like an RDD's. */
    @Test
    void aFractionalLabelInADataFrameNamesTheRow() {
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false))
                .add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double[] x = new double[8];
            Arrays.fill(x, 0.5);
            rows.add(RowFactory.create(x, i == 3 ? 1.5 : 1.0));
        }
        Dataset<Row> frame = LocalSpark.session().createDataFrame(LocalSpark.context().parallelize(rows, 2), schema);
        Parameters p = TestData.parameters(NETWORK);
        assertEquals("bad training example in partition 1, row 1: label column 'label' is 1.5; expected a class index "
                        + "0, 1, …",
                assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder().epochs(1).build()
                        .train(p, frame, "features", "label", null)).getMessage());
    }
}
