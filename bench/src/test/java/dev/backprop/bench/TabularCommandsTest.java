package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, predict, evaluate --csv, export and import, run in-process on the bundled tables. */
class TabularCommandsTest {
    private static final String IRIS = Path.of("..", "data", "iris", "iris.csv").toString();
    private static final String PENGUINS = Path.of("..", "data", "penguins", "penguins.csv").toString();

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli();

    @Test
    void irisTrainsSavesPredictsEvaluatesExportsAndImports() throws Exception {
        Path model = dir.resolve("iris.npz");
        assertEquals(Main.OK, cli.run("train", "--csv", IRIS, "--label", "species", "--engine", "ref", "--save", model.toString()),
                cli.err());
        String text = cli.out();
        assertTrue(text.contains("150 rows, 4 features") && text.contains("120 training, 0 validation, 30 test"), text);
        double accuracy = Double.parseDouble(text.replaceAll("(?s).*\naccuracy ([0-9.]+) .*", "$1"));
        assertTrue(accuracy >= 0.9, "the book's network separates iris: " + text);
        assertTrue(text.contains("confusion (rows: true class, columns: predicted)"), text);

        Path predictions = dir.resolve("p.csv");
        assertEquals(Main.OK, cli.run("predict", "--model", model.toString(), "--csv", IRIS, "--out", predictions.toString()),
                cli.err());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals(151, lines.size());
        assertEquals("species,output setosa,output versicolor,output virginica", lines.get(0));
        assertTrue(lines.get(1).startsWith("setosa,"), lines.get(1));

        assertEquals(Main.OK, cli.run("evaluate", "--model", model.toString(), "--csv", IRIS), cli.err());
        assertTrue(cli.out().contains("accuracy") && cli.out().contains("macro avg"), cli.out());
        String before = cli.out().substring(cli.out().indexOf("accuracy"));

        Path onnx = dir.resolve("iris.onnx");
        assertEquals(Main.OK, cli.run("export", "--model", model.toString(), "--onnx", onnx.toString()), cli.err());
        Path back = dir.resolve("back.npz");
        assertEquals(Main.OK, cli.run("import", "--onnx", onnx.toString(), "--out", back.toString()), cli.err());
        assertTrue(cli.out().contains("with its schema"), cli.out());
        assertEquals(Main.OK, cli.run("evaluate", "--model", back.toString(), "--csv", IRIS), cli.err());
        assertEquals(before, cli.out().substring(cli.out().indexOf("accuracy")), "the imported model predicts the same");
    }

    @Test
    void penguinsRegressionReportsR2InGrams() {
        assertEquals(Main.OK, cli.run("train", "--csv", PENGUINS, "--label", "body_mass_g", "--regression", "--ignore",
                "species,island,sex", "--epochs", "20", "--engine", "ref"), cli.err());
        String text = cli.out();
        double r2 = Double.parseDouble(text.replaceAll("(?s).*body_mass_g: R² ([0-9.-]+),.*", "$1"));
        assertTrue(r2 > 0.6, "three measurements explain most of the mass: " + text);
        assertTrue(text.contains("targets standardised"), text);
    }

    @Test
    void mistakesPrintOneLineAndExitWith2Or1() throws Exception {
        assertEquals(Main.USAGE, cli.run("train", "--csv", IRIS));
        assertTrue(cli.err().contains("--label"), cli.err());
        assertEquals(Main.USAGE, cli.run("train", "--csv", "nowhere.csv", "--label", "y"));
        assertEquals(Main.USAGE, cli.run("train", "--csv", IRIS, "--label", "species", "--regression", "--cost", "cross-entropy"));
        assertEquals(Main.FAILED, cli.run("train", "--csv", IRIS, "--label", "Species"));
        assertTrue(cli.err().contains("did you mean 'species'"), cli.err());
        assertEquals(Main.FAILED, cli.run("train", "--csv", PENGUINS, "--label", "body_mass_g", "--regression"));
        assertTrue(cli.err().contains("column 1 'species': expected a number, got 'Adelie'"), cli.err());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());

        Path plain = dir.resolve("plain.npz");
        dev.backprop.Network n = dev.backprop.Network.of(4, 3, 3);
        dev.backprop.io.ModelFile.save(n, dev.backprop.Parameters.zeros(n), plain);
        assertEquals(Main.USAGE, cli.run("predict", "--model", plain.toString(), "--csv", IRIS));
        assertTrue(cli.err().contains("has no column names or scaling"), cli.err());
        assertEquals(Main.USAGE, cli.run("export", "--model", plain.toString()));
        Path junk = dir.resolve("junk.onnx");
        Files.writeString(junk, "not a model");
        assertEquals(Main.FAILED, cli.run("import", "--onnx", junk.toString(), "--out", dir.resolve("x.npz").toString()));
        assertTrue(cli.err().contains("junk.onnx, offset"), cli.err());
    }
}
