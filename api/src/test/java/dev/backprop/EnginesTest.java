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
    void withNoEngineOnTheClasspathEverythingSaysWhatToAddInsteadOfRecursing() {
        // A loader that sees no provider at all: backprop-api alone on the classpath.
        Engines none = Engines.load(new java.net.URLClassLoader(new java.net.URL[0], null));
        IllegalStateException e = assertThrows(IllegalStateException.class, none::choose);
        assertTrue(e.getMessage().contains("no backprop engine on the classpath")
                && e.getMessage().contains("dev.backprop:backprop-engine-ref"), e.getMessage());
        String report = none.describe();
        assertTrue(report.contains("no engine on the classpath") && report.contains("chosen: none"), report);
    }

    @Test
    void withEveryEngineUnavailableTheMessageListsEachReason() {
        Engines unavailable = Engines.load(new OnlyProviders(FakeProviders.Missing.class.getName()));
        IllegalStateException e = assertThrows(IllegalStateException.class, unavailable::choose);
        assertTrue(e.getMessage().contains("no available backprop engine among the 1")
                && e.getMessage().contains("install the fake driver"), e.getMessage());
        assertTrue(unavailable.describe().contains("chosen: none"), unavailable.describe());
    }

    @Test
    void theChoiceIsLoggedOnceWithAWarningForEachHigherEngineThatIsUnavailable() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(Engines.class.getName());
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            Engines.forgetLoggedChoices();
            Engines fallback = Engines.load(new OnlyProviders(FakeProviders.Missing.class.getName(),
                    FakeProviders.Slow.class.getName()));
            assertEquals("slow", fallback.choose().name());
            assertEquals("slow", fallback.choose().name());
            List<String> lines = records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("WARNING backprop engine missing is on the classpath but unavailable")
                    && lines.get(0).contains("install the fake driver") && lines.get(0).contains("falling back to slow"),
                    lines.toString());
            assertTrue(lines.get(1).startsWith("INFO backprop engine slow: test engine"), lines.toString());
        } finally {
            logger.removeHandler(handler);
        }
    }

    /** Sees this module's classes but lists only the named providers in META-INF/services. */
    private static final class OnlyProviders extends ClassLoader {
        private final String services;

        OnlyProviders(String... providers) {
            super(EnginesTest.class.getClassLoader());
            this.services = String.join("\n", providers) + "\n";
        }

        @Override
        public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
            if (!name.equals("META-INF/services/" + dev.backprop.spi.EngineProvider.class.getName())) {
                return super.getResources(name);
            }
            java.nio.file.Path file = java.nio.file.Files.createTempFile("services", ".txt");
            java.nio.file.Files.writeString(file, services);
            file.toFile().deleteOnExit();
            return java.util.Collections.enumeration(List.of(file.toUri().toURL()));
        }
    }

    @Test
    void reportNamesTheProblemWhenThePropertyNamesAnUnknownEngine() {
        System.setProperty(Engines.PROPERTY, "nope");
        String report = engines.describe();
        assertTrue(report.contains("chosen: none") && report.contains("'nope'"), report);
    }
}
