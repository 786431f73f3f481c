package dev.backprop.bench;

import dev.backprop.TabularModel;
import dev.backprop.data.TabularData;
import dev.backprop.data.TabularSchema;
import dev.backprop.io.Onnx;
import dev.backprop.io.TabularModelFile;
import dev.backprop.spi.EngineProvider;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The commands on a saved model: {@code predict --model M --csv FILE [--out FILE]} (a CSV of
 * predictions, one row per input row), {@code evaluate --model M --csv FILE} (the metrics),
 * {@code export --model M --onnx FILE} and {@code import --onnx FILE --out M.npz}.
 */
final class TabularCommands {
    private static final Set<String> PREDICT_VALUED = Options.union(CsvOptions.VALUED,
            Set.of("--model", "--out", "--engine"));
    private static final Set<String> EVALUATE_VALUED = Options.union(CsvOptions.VALUED, Set.of("--model", "--engine"));

    private final PrintStream out;

    TabularCommands(PrintStream out) {
        this.out = out;
    }

    /** Whether {@code evaluate}'s arguments ask for the CSV form (the MNIST form takes --data). */
    static boolean wantsCsv(List<String> args) {
        return args.stream().anyMatch(a -> a.equals("--csv") || a.startsWith("--csv="));
    }

    int predict(List<String> args) throws IOException {
        Options o = Options.parse("predict", args, PREDICT_VALUED, CsvOptions.FLAGS);
        TabularModelFile.Loaded model = tabularModel(o);
        TabularSchema schema = model.schema();
        EngineProvider engine = TrainingOptions.engine(o);
        TabularData rows = CsvOptions.forModel(o, schema, false).read(CsvOptions.file(o));
        Path target = o.has("--out") ? Path.of(o.string("--out", null)) : null;
        try (TabularModel m = TabularModel.open(model.parameters(), schema, engine);
             Writer file = target == null ? null : Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            Appendable w = file != null ? file : out; // standard output is flushed, never closed
            StringBuilder header = new StringBuilder();
            if (schema.isClassification()) {
                header.append(cell(schema.targets().get(0)));
                for (String c : schema.classes()) {
                    header.append(',').append(cell("output " + c));
                }
            } else {
                for (int j = 0; j < schema.targets().size(); j++) {
                    header.append(j == 0 ? "" : ",").append(cell(schema.targets().get(j)));
                }
            }
            w.append(header.append('\n'));
            for (int r = 0; r < rows.size(); r++) {
                float[] raw = rows.features(r);
                float[] y = m.predict(raw);
                StringBuilder line = new StringBuilder();
                if (schema.isClassification()) {
                    line.append(cell(m.classify(raw)));
                }
                for (int j = 0; j < y.length; j++) {
                    line.append(j == 0 && !schema.isClassification() ? "" : ",").append(y[j]);
                }
                w.append(line.append('\n'));
            }
        }
        if (target != null) {
            out.println("wrote    " + rows.size() + " predictions to " + target.toAbsolutePath());
        }
        return Main.OK;
    }

    int evaluate(List<String> args) throws IOException {
        Options o = Options.parse("evaluate", args, EVALUATE_VALUED, CsvOptions.FLAGS);
        TabularModelFile.Loaded model = tabularModel(o);
        EngineProvider engine = TrainingOptions.engine(o);
        Path file = CsvOptions.file(o);
        TabularData rows = CsvOptions.forModel(o, model.schema(), true).read(file);
        try (TabularModel m = TabularModel.open(model.parameters(), model.schema(), engine)) {
            out.println("model    " + o.string("--model", null) + ": " + model.network());
            out.println("data     " + file + ": " + rows.size() + " rows");
            out.print(model.schema().isClassification() ? m.evaluateClassification(rows) : m.evaluateRegression(rows));
        }
        return Main.OK;
    }

    int export(List<String> args) throws IOException {
        Options o = Options.parse("export", args, Set.of("--model", "--onnx"), Set.of());
        TabularModelFile.Loaded model = TabularModelFile.load(modelFile(o));
        Path onnx = required(o, "--onnx", "export needs --onnx FILE, the ONNX file to write");
        try {
            Onnx.write(model, onnx);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        out.println("exported " + model.network() + (model.isTabular() ? " with its " + model.schema().scaling().kind().id()
                + " scaling and names" : "") + " to " + onnx.toAbsolutePath() + " (ONNX opset 13, input 'input' [batch, "
                + model.network().inputWidth() + "], output 'output')");
        return Main.OK;
    }

    int importOnnx(List<String> args) throws IOException {
        Options o = Options.parse("import", args, Set.of("--onnx", "--out"), Set.of());
        Path onnx = required(o, "--onnx", "import needs --onnx FILE, the ONNX model to read");
        if (!Files.isRegularFile(onnx)) {
            throw new UsageException("--onnx " + onnx + ": no such file");
        }
        Path target = required(o, "--out", "import needs --out FILE.npz, the model file to write");
        TabularModelFile.Loaded model = Onnx.read(onnx);
        if (model.isTabular()) {
            TabularModelFile.save(model.network(), model.parameters(), model.schema(), target);
        } else {
            dev.backprop.io.ModelFile.save(model.network(), model.parameters(), target);
        }
        out.println("imported " + model.network() + " from " + onnx + (model.isTabular() ? " with its schema" : "")
                + "; wrote " + target.toAbsolutePath());
        return Main.OK;
    }

    private static TabularModelFile.Loaded tabularModel(Options o) throws IOException {
        Path file = modelFile(o);
        TabularModelFile.Loaded model = TabularModelFile.load(file);
        if (!model.isTabular()) {
            throw new UsageException("--model " + file + " has no column names or scaling (it was not trained by 'train'"
                    + " on a CSV file); evaluate it on MNIST-format data with 'evaluate --model " + file + "'");
        }
        return model;
    }

    private static Path modelFile(Options o) {
        Path file = required(o, "--model", "name the model with --model FILE (an .npz written by 'train --save')");
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--model " + file + ": no such file");
        }
        return file;
    }

    private static Path required(Options o, String name, String message) {
        if (!o.has(name)) {
            throw new UsageException(message);
        }
        return Path.of(o.string(name, null));
    }

    /** A CSV cell, quoted as RFC 4180 asks when it holds a comma, a quote or a line break. */
    static String cell(String text) {
        if (text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
