package dev.backprop.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written sections survive regenerating RESULTS.md: they are copied from written/*.md in
 * file-name order, other files there are not, and the run-level sections say their own date.
 */
class WrittenSectionsTest {
    @TempDir
    Path dir;

    @Test
    void writtenSectionsComeInFileNameOrderAndOnlyMarkdown() throws Exception {
        Path written = Files.createDirectories(dir.resolve(WrittenSections.FOLDER));
        Files.writeString(written.resolve("20-second.md"), "## Second\n\nB\n");
        Files.writeString(written.resolve("10-first.md"), "## First\n\nA\n\n\n");
        Files.writeString(written.resolve("notes.txt"), "## Not a section\n");
        assertEquals("## First\n\nA\n\n## Second\n\nB\n\n", WrittenSections.markdown(dir));
    }

    @Test
    void noFolderMeansNothing() throws Exception {
        assertEquals("", WrittenSections.markdown(dir));
    }

    @Test
    void theRunLevelSectionsSayWhenTheSuiteRan() throws Exception {
        Files.writeString(dir.resolve("runs-cold.csv"), """
                implementation,mode,round,in_process_ms,process_ms,load
                ref,first-gradient,1,50.0,100.0,1.0
                """);
        Files.writeString(dir.resolve("runs-machine.txt"), "date: 2026-12-03T00:23Z\nload-before: 0.89\nload-after: 2.46\n");
        String page = RunsSection.markdown(dir);
        assertTrue(page.startsWith("## Cold start\n\nThis section and the next two come from one run of `RunSuite`, started "
                + "2026-12-03T00:23Z (1-minute load average 0.89 before, 2.46 after)."), page);
    }
}
