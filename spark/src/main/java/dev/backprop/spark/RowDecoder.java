package dev.backprop.spark;

import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Decodes the rows of a Spark {@code Dataset<Row>} in Spark ML's layout: a features column and a
 * label column (a class index stored as a number, as Spark ML's classifiers take it).
 * The features may be Spark ML's {@code Vector} (dense or sparse, from {@code VectorAssembler})
 * or an {@code array<float>} / {@code array<double>} column. The rows arrive with the features
 * at position 0 and the label at 1 (the trainer selects the two columns first).
 */
final class RowDecoder implements ExampleDecoder<Row> {
    private static final long serialVersionUID = 1L;

    private final String features;
    private final String label;
    /** Whether the features are ML vectors; else an array column, read with {@code Row.getList}. */
    private final boolean vector;

    private RowDecoder(String features, String label, boolean vector) {
        this.features = features;
        this.label = label;
        this.vector = vector;
    }

    /**
     * Checks the two columns' types on the driver, before any job runs.
     *
     * @throws IllegalArgumentException naming the column, the type found and the types accepted
     */
    static RowDecoder of(StructType schema, String features, String label) {
        DataType featureType = field(schema, features, "features").dataType();
        boolean vector = "vector".equals(featureType.typeName());
        boolean array = featureType instanceof ArrayType a
                && (a.elementType().equals(DataTypes.FloatType) || a.elementType().equals(DataTypes.DoubleType));
        if (!vector && !array) {
            throw new IllegalArgumentException("features column '" + features + "' is " + featureType.simpleString()
                    + "; expected Spark ML's vector (e.g. from VectorAssembler), array<float> or array<double>");
        }
        DataType labelType = field(schema, label, "label").dataType();
        if (!(labelType instanceof NumericType)) {
            throw new IllegalArgumentException("label column '" + label + "' is " + labelType.simpleString()
                    + "; expected a number holding the class index 0, 1, … (as Spark ML's classifiers take it)");
        }
        return new RowDecoder(features, label, vector);
    }

    private static StructField field(StructType schema, String name, String role) {
        for (StructField field : schema.fields()) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        throw new IllegalArgumentException("no " + role + " column '" + name + "'; the columns are "
                + String.join(", ", schema.fieldNames()));
    }

    String features() {
        return features;
    }

    String label() {
        return label;
    }

    @Override
    public int decode(Row row, float[] x, float[] y) throws BadExample {
        if (row.isNullAt(0)) {
            throw new BadExample("features column '" + features + "' is null");
        }
        if (vector) {
            // Only here is MLlib's Vector class touched: array columns work on a Spark without MLlib.
            copy(MlVectors.toArray(row.get(0)), x);
        } else {
            copy(row.getList(0), x);
        }
        Object labelValue = row.get(1);
        if (!(labelValue instanceof Number number)) {
            throw new BadExample("label column '" + label + "' is " + labelValue);
        }
        double classIndex = number.doubleValue();
        if (!(classIndex >= 0) || classIndex != Math.rint(classIndex) || classIndex > Integer.MAX_VALUE) {
            throw new BadExample("label column '" + label + "' is " + labelValue + "; expected a class index 0, 1, …");
        }
        return (int) classIndex;
    }

    private void copy(double[] values, float[] x) throws BadExample {
        checkLength(values.length, x.length);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) values[i];
        }
    }

    private void copy(List<?> values, float[] x) throws BadExample {
        checkLength(values.size(), x.length);
        for (int i = 0; i < x.length; i++) {
            Object v = values.get(i);
            if (!(v instanceof Number n)) {
                throw new BadExample("feature " + i + " of column '" + features + "' is " + v);
            }
            x[i] = n.floatValue();
        }
    }

    private void checkLength(int length, int expected) throws BadExample {
        if (length != expected) {
            throw new BadExample("features column '" + features + "' has " + length + " values, the network needs "
                    + expected);
        }
    }
}
