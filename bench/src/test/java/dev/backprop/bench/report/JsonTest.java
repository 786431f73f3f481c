package dev.backprop.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsWhatJmhWrites() {
        Object parsed = Json.parse("""
                [ { "benchmark" : "a.B.c", "params" : { "batch" : "10" },
                    "primaryMetric" : { "score" : 1.5E3, "scoreError" : "NaN", "rawData" : [ [ 1, -2.5e-3 ] ] },
                    "ok" : true, "none" : null, "text" : "tab\\tquote\\" \\u00b5" } ]""");
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) parsed).get(0);
        Map<?, ?> primary = (Map<?, ?>) entry.get("primaryMetric");
        assertEquals(1500.0, Json.number(primary.get("score")));
        assertTrue(Double.isNaN(Json.number(primary.get("scoreError"))));
        assertEquals(List.of(List.of(1.0, -0.0025)), primary.get("rawData"));
        assertEquals("10", ((Map<?, ?>) entry.get("params")).get("batch"));
        assertEquals(Boolean.TRUE, entry.get("ok"));
        assertTrue(entry.containsKey("none") && entry.get("none") == null);
        assertEquals("tab\tquote\" µ", entry.get("text"));
    }

    @Test
    void brokenJsonSaysWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
    }
}
