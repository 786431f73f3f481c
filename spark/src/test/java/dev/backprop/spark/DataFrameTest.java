package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.Network;
import dev.backprop.Parameters;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code Dataset<Row>} in Spark ML's layout trains exactly as the same examples in a
 * {@code JavaRDD<Example>} with the same partitions: the features column may be an ML vector
 * (dense or sparse), {@code array<float>} or {@code array<double>}; the label any number type.
 */
class DataFrameTest {
    private static final dev.backprop.data.Dataset DATA = TestData.classification(40, 8, 9);

    @ParameterizedTest(name = "features as {0}")
    @ValueSource(strings = {"ml vector", "array<float>", "array<double>"})
    void aDataFrameTrainsLikeTheSameExamplesInAnRdd(String kind) {
        Network network = TestData.network();
        SparkTrainer trainer = SparkTrainer.builder().mode(Mode.localSteps(2)).engine("ref").learningRate(1.0)
                .miniBatchSize(5).epochs(2).seed(4).build();
        Parameters fromRdd = TestData.parameters(network);
        trainer.train(fromRdd, TestData.rdd(LocalSpark.context(), DATA, 2), null);

        Parameters fromFrame = TestData.parameters(network);
        trainer.train(fromFrame, frame(kind, 2), "features", "label", null);

        assertEquals(fromRdd, fromFrame);
    }

    /** DATA as a data frame with one extra column in front, to show the columns are found by name. */
    private static Dataset<Row> frame(String kind, int partitions) {
        DataType features = switch (kind) {
            case "ml vector" -> new VectorUDT();
            case "array<float>" -> DataTypes.createArrayType(DataTypes.FloatType, false);
            default -> DataTypes.createArrayType(DataTypes.DoubleType, false);
        };
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("features", features)
                .add("label", kind.equals("array<float>") ? DataTypes.IntegerType : DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < DATA.size(); i++) {
            float[] x = DATA.input(i);
            Object value;
            if (kind.equals("ml vector")) {
                // Every third row a SparseVector: the decoder must read both kinds of ML vector.
                value = i % 3 == 0 ? Vectors.dense(doubles(x)).toSparse() : Vectors.dense(doubles(x));
            } else if (kind.equals("array<float>")) {
                value = x;
            } else {
                value = doubles(x);
            }
            Object label = kind.equals("array<float>") ? (Object) DATA.label(i) : (Object) (double) DATA.label(i);
            rows.add(RowFactory.create(i, value, label));
        }
        return LocalSpark.session().createDataFrame(LocalSpark.context().parallelize(rows, partitions), schema);
    }

    private static double[] doubles(float[] x) {
        double[] d = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            d[k] = x[k];
        }
        return d;
    }
}
