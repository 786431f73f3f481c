package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.data.Dataset;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/** {@link Examples#distribute}: the data set's examples in order, cut as parallelize cuts them. */
class ExamplesTest {

    @Test
    void labelledExamplesKeepTheirOrderAndParallelizesCuts() {
        Dataset data = TestData.classification(95, 8, 31);
        JavaRDD<Example> distributed = Examples.distribute(LocalSpark.context(), data, 3);
        assertEquals(3, distributed.getNumPartitions());
        assertEquals(TestData.examples(data), distributed.collect());
        List<Integer> sizes = distributed.glom().map(List::size).collect();
        assertEquals(TestData.rdd(LocalSpark.context(), data, 3).glom().map(List::size).collect(), sizes);
        assertEquals(List.of(31, 32, 32), sizes);
    }

    @Test
    void targetVectorsTravelToo() {
        Dataset data = Dataset.of(new float[] {1, 2, 3, 4, 5, 6}, 2, new float[] {0.5f, -1, 7}, 1);
        assertEquals(TestData.examples(data), Examples.distribute(LocalSpark.context(), data, 2).collect());
    }

    @Test
    void atLeastOnePartition() {
        Dataset data = TestData.classification(3, 8, 1);
        assertEquals("partitions must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Examples.distribute(LocalSpark.context(), data, 0)).getMessage());
    }
}
