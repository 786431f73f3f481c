package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activations;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.data.FeatureScaling;
import dev.backprop.data.TabularData;
import dev.backprop.data.TabularSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema's arrays beside ModelFile's: round trip, readable as a plain model, damage named. */
class TabularModelFileTest {
    @TempDir
    Path dir;

    private final Network network = Network.of(2, 3, 3);
    private final Parameters parameters = Parameters.initialize(network, Init.STANDARD_NORMAL, 9);
    private final TabularSchema classifier = new TabularSchema(List.of("sepal length", "ünïcode"),
            FeatureScaling.of(FeatureScaling.Kind.MIN_MAX, new float[] {4.3f, 2f}, new float[] {3.6f, 2.4f}),
            TabularData.Kind.CLASSIFICATION, List.of("species"), List.of("setosa", "versicolor", "virginica"), null);

    @Test
    void classifierRoundTripsAndStaysAPlainModelFile() throws Exception {
        Path file = dir.resolve("iris.npz");
        TabularModelFile.save(network, parameters, classifier, file);
        TabularModelFile.Loaded back = TabularModelFile.load(file);
        assertEquals(network, back.network());
        assertEquals(parameters, back.parameters());
        assertEquals(classifier, back.schema());
        assertEquals(parameters, ModelFile.load(file).parameters(), "ModelFile ignores the schema's arrays");
        assertTrue(TestFiles.entries(file).keySet().containsAll(List.of("features", "scaling_center", "classes", "w2")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void regressionRoundTrips() throws Exception {
        Network linear = Network.builder(2).layer(4, Activations.RELU).layer(2, Activations.IDENTITY).build();
        Parameters p = Parameters.initialize(linear, Init.SCALED_NORMAL, 2);
        TabularSchema schema = new TabularSchema(List.of("a", "b"), FeatureScaling.none(2), TabularData.Kind.REGRESSION,
                List.of("y", "z"), List.of(),
                FeatureScaling.of(FeatureScaling.Kind.STANDARDIZE, new float[] {1, 2}, new float[] {3, 4}));
        Path file = dir.resolve("r.npz");
        TabularModelFile.save(linear, p, schema, file);
        assertEquals(schema, TabularModelFile.load(file).schema());
    }

    @Test
    void aPlainModelFileLoadsWithoutSchema() throws Exception {
        Path file = dir.resolve("plain.npz");
        ModelFile.save(network, parameters, file);
        TabularModelFile.Loaded back = TabularModelFile.load(file);
        assertFalse(back.isTabular());
        assertNull(back.schema());
    }

    @Test
    void damagedSchemaArraysAreNamed() throws Exception {
        Path file = dir.resolve("iris.npz");
        TabularModelFile.save(network, parameters, classifier, file);
        Map<String, byte[]> entries = TestFiles.entries(file);

        Map<String, byte[]> missing = new java.util.LinkedHashMap<>(entries);
        missing.remove("classes");
        TestFiles.writeZip(file, missing);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TabularModelFile.load(file));
        assertEquals("classes", e.entry(), e.getMessage());

        Map<String, byte[]> wrongShape = new java.util.LinkedHashMap<>(entries);
        wrongShape.put("scaling_center", npy(NpyArray.of(new float[] {1, 2, 3}, 3)));
        TestFiles.writeZip(file, wrongShape);
        e = assertThrows(ModelFormatException.class, () -> TabularModelFile.load(file));
        assertEquals("scaling_center", e.entry());
        assertTrue(e.getMessage().contains("shape (2,)") && e.getMessage().contains("(3,)"), e.getMessage());

        Map<String, byte[]> zeroDivisor = new java.util.LinkedHashMap<>(entries);
        zeroDivisor.put("scaling_divisor", npy(NpyArray.of(new float[] {1, 0}, 2)));
        TestFiles.writeZip(file, zeroDivisor);
        assertTrue(assertThrows(ModelFormatException.class, () -> TabularModelFile.load(file)).getMessage()
                .contains("divisor other than 0"));

        Map<String, byte[]> task = new java.util.LinkedHashMap<>(entries);
        task.put("task", npy(NpyArray.scalar("clustering")));
        TestFiles.writeZip(file, task);
        assertTrue(assertThrows(ModelFormatException.class, () -> TabularModelFile.load(file)).getMessage()
                .contains("'clustering'"));
    }

    @Test
    void schemaThatDoesNotFitTheNetworkIsRefused() {
        TabularSchema wide = new TabularSchema(List.of("a", "b", "c"), FeatureScaling.none(3),
                TabularData.Kind.CLASSIFICATION, List.of("y"), List.of("p", "q", "r"), null);
        assertThrows(IllegalArgumentException.class,
                () -> TabularModelFile.save(network, parameters, wide, dir.resolve("x.npz")));
        assertFalse(Files.exists(dir.resolve("x.npz")));
    }

    private static byte[] npy(NpyArray array) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Npy.write(array, out);
        return out.toByteArray();
    }
}
