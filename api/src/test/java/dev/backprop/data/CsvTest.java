package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV/TSV reader on good files (RFC 4180 quoting, options) and bad ones (each error names the place). */
class CsvTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text, StandardCharsets.UTF_8);
        return path;
    }

    // --- good files ---

    @Test
    void classificationWithHeaderKeepsNamesAndSortsClasses() throws Exception {
        Path path = file("iris.csv", "sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n"
                + "4.9,1.4,setosa\n");
        TabularData t = Csv.classification("species").read(path);
        assertEquals(List.of("sepal", "petal"), t.featureNames());
        assertEquals(List.of("species"), t.targetNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), t.classNames());
        assertEquals(4, t.size());
        assertArrayEquals(new int[] {0, 1, 2, 0}, t.labels());
        assertArrayEquals(new float[] {7.0f, 4.7f}, t.features(1));
    }

    @Test
    void classIndicesDoNotDependOnRowOrder() throws Exception {
        TabularData a = Csv.classification(1).header(false).read(file("a.csv", "1,b\n2,a\n3,c\n"));
        TabularData b = Csv.classification(1).header(false).read(file("b.csv", "3,c\n2,a\n1,b\n"));
        assertEquals(List.of("a", "b", "c"), a.classNames());
        assertEquals(a.classNames(), b.classNames());
        assertArrayEquals(new int[] {1, 0, 2}, a.labels());
        assertArrayEquals(new int[] {2, 0, 1}, b.labels());
    }

    @Test
    void numericLabelsSortAsNumbers() throws Exception {
        TabularData t = Csv.classification("digit").read(file("d.csv", "x,digit\n1,10\n2,2\n3,1\n"));
        assertEquals(List.of("1", "2", "10"), t.classNames());
        assertArrayEquals(new int[] {2, 1, 0}, t.labels());
    }

    @Test
    void rfc4180QuotingCrlfAndEmbeddedLineBreaks() throws Exception {
        String text = "\uFEFF\"a,1\",\"b \"\"q\"\"\",label\r\n\"1.5\",2,\"multi\nline\"\r\n3,4,\"x,y\"\r\n";
        TabularData t = Csv.classification("label").read(file("q.csv", text));
        assertEquals(List.of("a,1", "b \"q\""), t.featureNames());
        assertEquals(List.of("multi\nline", "x,y"), t.classNames());
        assertArrayEquals(new float[] {1.5f, 2f}, t.features(0));
        assertArrayEquals(new float[] {3f, 4f}, t.features(1));
    }

    @Test
    void tsvByNameNoHeaderLabelByIndexAndIgnoredColumns() throws Exception {
        Path path = file("rows.tsv", "id7\t0.5\tyes\t2\nid8\t1.5\tno\t4\n\n");
        TabularData t = Csv.classification(2).header(false).ignore(0).read(path);
        assertEquals(List.of("column 2", "column 4"), t.featureNames());
        assertEquals(List.of("column 3"), t.targetNames());
        assertArrayEquals(new float[] {1.5f, 4f}, t.features(1));
        assertEquals(List.of("no", "yes"), t.classNames());
    }

    @Test
    void regressionWithSeveralTargets() throws Exception {
        Path path = file("r.csv", "x1,y1,x2,y2,name\n1,10,2,-20,a\n3,1e2,4,.5,b\n");
        TabularData t = Csv.regression("y1", "y2").ignore("name").read(path);
        assertEquals(TabularData.Kind.REGRESSION, t.kind());
        assertEquals(List.of("x1", "x2"), t.featureNames());
        assertEquals(List.of("y1", "y2"), t.targetNames());
        assertArrayEquals(new float[] {100f, 0.5f}, t.target(1));
        assertArrayEquals(new float[] {3f, 4f}, t.features(1));
    }

    @Test
    void featuresByNameTakeTheModelsOrderAndSkipOtherColumns() throws Exception {
        Path path = file("new.csv", "b,extra,a\n2,zzz,1\n4,www,3\n");
        TabularData t = Csv.unlabelled().features(List.of("a", "b")).read(path);
        assertEquals(List.of("a", "b"), t.featureNames());
        assertArrayEquals(new float[] {3f, 4f}, t.features(1));
    }

    @Test
    void gzipIsRecognisedByContent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("x,y\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8));
        }
        Path path = dir.resolve("z.csv");
        Files.write(path, bytes.toByteArray());
        assertEquals(2, Csv.classification("y").read(path).size());
    }

    @Test
    void maxRowsStopsEarly() throws Exception {
        assertEquals(2, Csv.classification("y").maxRows(2).read(file("m.csv", "x,y\n1,a\n2,b\n3,c\n")).size());
    }

    @Test
    void fixedClassesKeepTheModelsOrder() throws Exception {
        TabularData t = Csv.classification("y").classes(List.of("z", "a")).read(file("f.csv", "x,y\n1,a\n2,z\n"));
        assertEquals(List.of("z", "a"), t.classNames());
        assertArrayEquals(new int[] {1, 0}, t.labels());
    }

    // --- bad files: each names file, line and column ---

    private CsvFormatException bad(Csv csv, String text) throws IOException {
        Path path = file("bad.csv", text);
        return assertThrows(CsvFormatException.class, () -> csv.read(path));
    }

    @Test
    void nonNumericCellNamesLineColumnAndHeader() throws Exception {
        CsvFormatException e = bad(Csv.classification("y"), "a,b,y\n1,2,p\n3,n/a,q\n");
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("bad.csv, line 3, column 2 'b': expected a number, got 'n/a'"), e.getMessage());
        assertTrue(e.getMessage().contains("Csv.ignore(\"b\")"), e.getMessage());
    }

    @Test
    void missingCellIsNamed() throws Exception {
        CsvFormatException e = bad(Csv.classification("y"), "a,b,y\n1,,p\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("column 2 'b': missing value"), e.getMessage());
    }

    @Test
    void javaOnlyNumberSyntaxIsRefused() throws Exception {
        for (String cell : new String[] {"NaN", "Infinity", "1d", "0x1p3", "1f", "1e", "+", "."}) {
            CsvFormatException e = bad(Csv.classification("y"), "a,y\n" + cell + ",p\n");
            assertEquals(2, e.line(), cell);
            assertEquals(1, e.column(), cell);
        }
    }

    @Test
    void outOfFloatRangeIsRefused() throws Exception {
        CsvFormatException e = bad(Csv.regression("y"), "a,y\n1,1e39\n");
        assertTrue(e.getMessage().contains("line 2, column 2 'y'") && e.getMessage().contains("float32 range"),
                e.getMessage());
    }

    @Test
    void lineNumbersCountLinesInsideQuotedCells() throws Exception {
        CsvFormatException e = bad(Csv.classification("y"), "a,y\n1,\"two\nlines\"\n\nx,p\n");
        assertEquals(5, e.line());
    }

    @Test
    void rowWithTooFewOrTooManyCells() throws Exception {
        CsvFormatException e = bad(Csv.classification("y"), "a,b,y\n1,2,p\n1,2\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("expected 3 cells, as in the header, got 2"), e.getMessage());
        assertEquals(2, bad(Csv.classification("y"), "a,b,y\n1,2,p,4\n").line());
    }

    @Test
    void unclosedQuoteNamesTheLineWhereItOpened() throws Exception {
        CsvFormatException e = bad(Csv.classification("y"), "a,y\n1,p\n2,\"q\n3,r\n4,s\n");
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteAndABareQuoteAreErrors() throws Exception {
        assertTrue(bad(Csv.classification("y"), "a,y\n1,\"p\"x\n").getMessage().contains("after the closing quote"));
        assertTrue(bad(Csv.classification("y"), "a,y\n1,p\"q\n").getMessage().contains("double quote inside an unquoted"));
    }

    @Test
    void missingLabelColumnSuggestsTheNearName() throws Exception {
        CsvFormatException e = bad(Csv.classification("Species"), "a,species\n1,p\n");
        assertTrue(e.getMessage().contains("did you mean 'species'"), e.getMessage());
        CsvFormatException f = bad(Csv.classification("kind"), "a,species\n1,p\n");
        assertTrue(f.getMessage().contains("no label column 'kind'") && f.getMessage().contains("[a, species]"),
                f.getMessage());
        CsvFormatException g = bad(Csv.classification(5), "a,species\n1,p\n");
        assertTrue(g.getMessage().contains("index 5"), g.getMessage());
    }

    @Test
    void emptyFileHeaderOnlyAndNoFeaturesLeft() throws Exception {
        assertTrue(bad(Csv.classification("y"), "").getMessage().contains("empty"));
        assertTrue(bad(Csv.classification("y"), "a,y\n").getMessage().contains("no data rows"));
        assertTrue(bad(Csv.classification("y").ignore("a"), "a,y\n1,p\n").getMessage().contains("no feature columns"));
    }

    @Test
    void emptyLabelAndUnknownModelClass() throws Exception {
        assertTrue(bad(Csv.classification("y"), "a,y\n1,\n").getMessage().contains("missing label"));
        CsvFormatException e = bad(Csv.classification("y").classes(List.of("p", "q")), "a,y\n1,p\n2,r\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("'r'") && e.getMessage().contains("[p, q]"), e.getMessage());
    }

    @Test
    void duplicateColumnNamesThatAreUsedAreRefused() throws Exception {
        assertTrue(bad(Csv.classification("y"), "a,a,y\n1,2,p\n").getMessage().contains("both named 'a'"));
        assertEquals(1, Csv.classification("y").ignore(1).read(file("ok.csv", "a,a,y\n1,2,p\n")).inputWidth());
    }

    @Test
    void overlongCellAndTooManyColumnsFailFast() throws Exception {
        CsvFormatException e = bad(Csv.classification("y").maxCellChars(10), "a,y\n1,\"" + "x".repeat(100) + "\"\n");
        assertTrue(e.getMessage().contains("longer than 10 characters"), e.getMessage());
        String wide = "1,".repeat(CsvRecords.MAX_COLUMNS) + "1\n";
        assertTrue(bad(Csv.unlabelled().header(false), wide).getMessage().contains("more than " + CsvRecords.MAX_COLUMNS));
    }

    @Test
    void invalidUtf8IsRefusedWithTheLine() throws Exception {
        Path path = dir.resolve("latin1.csv");
        Files.write(path, new byte[] {'a', ',', 'y', '\n', '1', ',', (byte) 0xE9, '\n'});
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.classification("y").read(path));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void tableLargerThanTheMemoryLimitIsRefusedBeforeItIsHeld() throws Exception {
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 50_000; i++) {
            text.append(i).append(',').append(i).append(",1\n");
        }
        Path path = file("big.csv", text.toString());
        DataTooLargeException e = assertThrows(DataTooLargeException.class,
                () -> Csv.regression("y").memoryLimit(100_000).read(path));
        assertTrue(e.getMessage().contains("-Xmx") && e.getMessage().contains("big.csv"), e.getMessage());
        assertTrue(e.needed() > 100_000, e.getMessage());
        assertEquals(50_000, Csv.regression("y").read(path).size());
    }
}
