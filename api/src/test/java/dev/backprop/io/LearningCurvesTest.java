package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.EpochReport;
import dev.backprop.Metric;
import dev.backprop.TrainingOutcome;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The learning curves are well-formed SVG with one line per measured series, η's panel, and the best epoch and stop marked. */
class LearningCurvesTest {
    @TempDir
    Path dir;

    private static EpochReport report(int epoch, double eta) {
        return new EpochReport(epoch, 12, 0.1, OptionalDouble.of(1.0 / epoch), OptionalDouble.of(0.5 + 0.03 * epoch),
                OptionalDouble.empty(), OptionalDouble.of(0.5 + 0.02 * epoch), OptionalDouble.of(0.9 / epoch + 0.01 * epoch),
                OptionalDouble.of(epoch < 6 ? 0.5 + 0.05 * epoch : 0.7), eta);
    }

    @Test
    void drawsEverySeriesAndMarksTheScheduleAndTheStop() throws Exception {
        Path file = dir.resolve("curves.svg");
        LearningCurves curves = LearningCurves.writingTo(file, "test <run> & η");
        for (int e = 1; e <= 9; e++) {
            curves.epochFinished(report(e, e <= 4 ? 0.5 : 0.25));
        }
        assertTrue(Files.exists(file), "written after every epoch");
        curves.trainingFinished(new TrainingOutcome(9, TrainingOutcome.Reason.EARLY_STOPPING, Metric.VALIDATION_ACCURACY,
                5, 0.75, true));
        String svg = Files.readString(file, StandardCharsets.UTF_8);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        // Cost: training and validation (evaluation cost not measured); accuracy: all three; η: one.
        assertEquals(2 + 3 + 1, doc.getElementsByTagName("polyline").getLength());
        assertTrue(svg.contains("best: epoch 5, kept"), svg);
        assertTrue(svg.contains("early stop"), svg);
        assertTrue(svg.contains("learning rate η"), svg);
        assertTrue(svg.contains("test &lt;run&gt; &amp; η"), svg);
        assertEquals(svg, curves.svg());
    }

    @Test
    void aResumedRunDrawsTheEpochsBeforeTheInterruptionToo() {
        LearningCurves curves = LearningCurves.inMemory("resumed");
        curves.resumed(List.of(report(1, 0.5), report(2, 0.5)));
        curves.epochFinished(report(3, 0.5));
        assertEquals(3, curves.reports().size());
        assertEquals(3, curves.reports().get(2).epoch());
    }
}
