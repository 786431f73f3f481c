package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.spi.EngineProvider;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnginesTest {
    private final Engines engines = Engines.load(EnginesTest.class.getClassLoader());

    @AfterEach
    void clearProperty() {
        System.clearProperty(Engines.PROPERTY);
    }

    @Test
    void providersAreSortedByPriorityAndBrokenOnesAreReportedNotThrown() {
        List<String> names = engines.providers().stream().map(EngineProvider::name).collect(Collectors.toList());
        assertEquals(List.of("shy", "missing", "throwing", "fast", "slow"), names);
        assertEquals(2, engines.failures().size(), engines.failures().toString());
        assertTrue(engines.failures().stream().anyMatch(f -> f.contains("NoSuchProvider")), engines.failures().toString());
        assertTrue(engines.failures().stream().anyMatch(f -> f.contains("Exploding")), engines.failures().toString());
    }

    @Test
    void choosesTheHighestPriorityAvailableEngineRankedAfterItsAvailabilityIsKnown() {
        assertEquals("shy", engines.choose().name());
    }

    @Test
    void systemPropertyOverridesPriority() {
        System.setProperty(Engines.PROPERTY, "slow");
        assertEquals("slow", engines.choose().name());
    }

    @Test
    void unknownNameListsWhatIsThere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engines.choose("gpu"));
        assertTrue(e.getMessage().contains("'gpu'") && e.getMessage().contains("fast, slow"), e.getMessage());
    }

    @Test
    void unavailableNamedEngineSaysWhyAndHowToFix() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> engines.choose("missing"));
        assertTrue(e.getMessage().contains("fake accelerator is absent") && e.getMessage().contains("install the fake driver"),
                e.getMessage());
    }

    @Test
    void reportHasALinePerEngineWithReasonsAndTheChoice() {
        String report = engines.describe();
        assertTrue(report.contains("missing") && report.contains("UNAVAILABLE") && report.contains("install the fake driver"), report);
        assertTrue(report.contains("throwing") && report.contains("NoClassDefFoundError"), report);
        assertTrue(report.contains("(failed to load)"), report);
        assertTrue(report.contains("chosen: shy"), report);
    }

    @Test
    void reportNamesTheProblemWhenThePropertyNamesAnUnknownEngine() {
        System.setProperty(Engines.PROPERTY, "nope");
        String report = engines.describe();
        assertTrue(report.contains("chosen: none") && report.contains("'nope'"), report);
    }
}
