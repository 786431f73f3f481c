package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.backprop.data.Dataset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.junit.jupiter.api.Test;

/**
 * A cached shard that Spark moves to another executor, or spills to disk, goes through Java
 * serialization: it must arrive with the same examples, labels or targets, and problem.
 */
class ShardTest {

    private static Shard roundTrip(Shard shard) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(shard);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Shard) in.readObject();
        }
    }

    private static void assertSameExamples(Dataset expected, Dataset actual) {
        assertEquals(expected.toString(), actual.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.input(i), actual.input(i), "input " + i);
            assertArrayEquals(expected.target(i), actual.target(i), "target " + i);
            if (expected.hasLabels()) {
                assertEquals(expected.label(i), actual.label(i), "label " + i);
            }
        }
    }

    @Test
    void labelledExamplesArriveIntact() throws Exception {
        Dataset data = TestData.classification(17, 8, 4);
        Shard moved = roundTrip(Shard.of(3, data));
        assertEquals(3, moved.partition());
        assertNull(moved.problem());
        assertSameExamples(data, moved.examples());
    }

    @Test
    void targetVectorsArriveIntact() throws Exception {
        Dataset data = Dataset.of(new float[] {1, 2, 3, 4, 5, 6}, 3, new float[] {0.25f, -7, 1e-30f, 2}, 2);
        assertSameExamples(data, roundTrip(Shard.of(0, data)).examples());
    }

    @Test
    void emptyAndFailedShardsStaySo() throws Exception {
        Shard empty = roundTrip(Shard.empty(2));
        assertEquals(0, empty.size());
        assertEquals(2, empty.partition());
        Shard failed = roundTrip(Shard.failed(1, "partition 1, row 0: input 0 is NaN"));
        assertEquals("partition 1, row 0: input 0 is NaN", failed.problem());
        assertEquals(0, failed.size());
    }
}
