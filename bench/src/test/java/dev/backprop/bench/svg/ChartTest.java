package dev.backprop.bench.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The charts are well-formed SVG with a title, labelled axes with ticks, and a legend. */
class ChartTest {
    private static final String SVG = "http://www.w3.org/2000/svg";

    @Test
    void lineChartIsWellFormedWithAxesTicksAndLegend() throws Exception {
        String text = new LineChart("Test accuracy per epoch", "epoch", "test accuracy (%)")
                .subtitle("bundled mnist10k (8000 training + 2000 test MNIST digits) · Intel(R) Xeon(R) Processor (family 6, model 207), "
                        + "2 cores, Eclipse Adoptium 25.0.3+9-LTS, 2026-11-29 10:11 UTC")
                .integerX()
                .series("ch1-30 · ref", new double[] {1, 2, 3}, new double[] {88.1, 90.2, 91.0})
                .series("ch3 · <simd> & co", new double[] {1, 2, 3}, new double[] {92.5, 94.0, 94.6})
                .render();
        Document doc = SvgXml.parse(text);
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(SVG, root.getNamespaceURI());
        List<String> texts = SvgXml.texts(doc);
        assertTrue(texts.contains("Test accuracy per epoch"), texts.toString());
        assertTrue(texts.contains("epoch") && texts.contains("test accuracy (%)"), texts.toString());
        assertTrue(texts.contains("ch1-30 · ref") && texts.contains("ch3 · <simd> & co"), "legend, escaped: " + texts);
        assertTrue(texts.containsAll(List.of("1", "2", "3")), "integer epoch ticks: " + texts);
        assertFalse(texts.contains("1.5"), "no fractional epochs: " + texts);
        assertTrue(texts.contains("90") && texts.contains("92"), "accuracy ticks: " + texts);
        assertTrue(texts.contains("bundled mnist10k (8000 training + 2000 test MNIST digits)"), "a long subtitle wraps at ' · ': "
                + texts);
        assertEquals(2, doc.getElementsByTagNameNS(SVG, "polyline").getLength());
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
    }

    @Test
    void logAxesGetDecadeTicksAndSayLogScale() throws Exception {
        String text = new LineChart("Gradient throughput", "mini-batch size m", "examples per second").logX().logY()
                .xTicks(10, 100, 1000)
                .series("ref", new double[] {10, 100, 1000}, new double[] {2.2e4, 6e3, 7e3})
                .series("numpy-batch/pip/1t", new double[] {10, 100, 1000}, new double[] {1.7e5, 1.6e5, 2.4e5})
                .render();
        List<String> texts = SvgXml.texts(SvgXml.parse(text));
        assertTrue(texts.containsAll(List.of("10", "100", "1000")), texts.toString());
        assertTrue(texts.contains("1M") && texts.contains("1000"), "decades of the y axis: " + texts);
        assertTrue(texts.contains("mini-batch size m (log scale)"), texts.toString());
    }

    @Test
    void barChartIsWellFormedWithGroupsInTheLegend() throws Exception {
        String text = new BarChart("Seconds per epoch, ch1-30", "seconds per epoch")
                .format(v -> String.format("%.2f s", v))
                .bar("ref", 0.41, "Java engine").bar("numpy-loop/pip", 0.60, "Python peer").bar("torch/deb/1t", 0.2, "Python peer")
                .render();
        List<String> texts = SvgXml.texts(SvgXml.parse(text));
        assertTrue(texts.containsAll(List.of("ref", "numpy-loop/pip", "torch/deb/1t", "0.41 s", "Java engine", "Python peer",
                "seconds per epoch")), texts.toString());
    }

    @Test
    void badDataIsRefusedBeforeDrawing() {
        assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y").series("s", new double[] {1}, new double[] {Double.NaN}).render());
        assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y").logY().series("s", new double[] {1}, new double[] {0}).render());
        assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y").series("s", new double[] {1, 2},
                new double[] {1}));
        assertThrows(IllegalStateException.class, () -> new LineChart("t", "x", "y").render());
        assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "v").bar("b", -1, "g"));
    }

    @Test
    void oneEpochStillGivesAnAxis() throws Exception {
        String text = new LineChart("t", "epoch", "y").integerX().series("s", new double[] {1}, new double[] {50}).render();
        assertFalse(SvgXml.texts(SvgXml.parse(text)).isEmpty());
    }
}
