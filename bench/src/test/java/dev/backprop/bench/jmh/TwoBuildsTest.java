package dev.backprop.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Engines;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds of an engine in one JVM: here the reference engine's build, twice. The engines are
 * on this module's class path at run time only, so the build is found through the provider
 * {@link Engines} loads.
 */
class TwoBuildsTest {
    private static EngineProvider ref() {
        return Engines.load().choose("ref");
    }

    private static Path refBuild() throws URISyntaxException {
        return Path.of(ref().getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void eachBuildsEngineClassesAreLoadedFromTheBuildApartFromTheApplicationsOwn() throws Exception {
        try (Engine a = TwoBuilds.open(refBuild()); Engine b = TwoBuilds.open(refBuild());
             Engine own = ref().open()) {
            assertEquals("ref", a.name());
            assertTrue(a.getClass().getClassLoader() instanceof TwoBuilds.BuildLoader, a.getClass().getClassLoader().toString());
            assertNotSame(a.getClass(), b.getClass());
            assertNotSame(a.getClass(), own.getClass());
            // The API is shared, or the engine could not be used as an Engine at all.
            assertTrue(Engine.class.isInstance(a));
        }
    }

    @Test
    void comparesBothBuildsAndPrintsTheirEpochsAndTheRatio() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TwoBuilds.compare(refBuild(), refBuild(), 2, "20x8x3", 10, 200, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length, bytes.toString(StandardCharsets.UTF_8));
        assertTrue(lines[1].startsWith("A ") && lines[1].contains("(ref): s/epoch median "), lines[1]);
        assertTrue(lines[2].startsWith("B ") && lines[2].contains("(ref): s/epoch median "), lines[2]);
        assertTrue(lines[3].startsWith("B/A per run (best epoch of each): median "), lines[3]);
    }

    @Test
    void aDirectoryWithoutAnEngineOrNoDirectoryIsRefusedWithTheReason(@TempDir Path empty) {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> TwoBuilds.open(empty));
        assertTrue(none.getMessage().contains("not an engine build"), none.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TwoBuilds.open(empty.resolve("nowhere")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void fewerThanTwoRunsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwoBuilds.compare(refBuild(), refBuild(), 1, "20x8x3", 10, 200, System.out));
        assertTrue(e.getMessage().contains("runs must be at least 2"), e.getMessage());
    }
}
