package dev.backprop.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-level sections of RESULTS.md take their ratios within a round, against the round's fastest numpy. */
class RunsSectionTest {
    @TempDir
    Path dir;

    @Test
    void ratiosAreTakenWithinEachRound() throws Exception {
        // Round 1: simd 2.0 s, numpy peers 4.0 and 5.0 s → 0.50; round 2: 3.0 s against 4.0 (and 6.0) → 0.75.
        Files.writeString(dir.resolve("runs-train.csv"), """
                implementation,experiment,round,epochs_seconds,first_epoch,later_epoch_median,process_seconds,epochs,load
                simd,ch1-30,1,2.0,1.1,0.1,3.0,1.1;0.9,1.0
                numpy-batch/deb/1t,ch1-30,1,4.0,0.4,0.4,12.0,0.4;3.6,1.0
                numpy-batch/deb/2t,ch1-30,1,5.0,0.5,0.5,13.0,0.5;4.5,1.0
                simd,ch1-30,2,3.0,1.2,0.2,4.0,1.2;1.8,1.0
                numpy-batch/deb/1t,ch1-30,2,6.0,0.6,0.6,14.0,0.6;5.4,1.0
                numpy-batch/deb/2t,ch1-30,2,4.0,0.4,0.4,10.0,0.4;3.6,1.0
                """);
        Files.writeString(dir.resolve("runs-cotenant.csv"), """
                engine,experiment,condition,round,first_epoch,later_epoch_median,process_seconds,epochs,load
                simd,ch1-30,quiet,1,1.0,0.10,3.0,1.0;0.10,1.0
                simd,ch1-30,neighbour,1,1.2,0.12,3.0,1.2;0.12,1.0
                simd,ch1-30,confined,1,1.5,0.10,3.0,1.5;0.10,1.0
                """);
        String page = RunsSection.markdown(dir);
        String simd = page.lines().filter(l -> l.startsWith("| ch1-30 | simd |")).findFirst().orElseThrow();
        // training: median of 0.50 and 0.75; process: 3/12 = 0.25 and 4/10 = 0.40 → 0.325
        assertTrue(simd.contains("| 0.63 |"), simd);
        assertTrue(simd.endsWith("| 0.33 |") || simd.endsWith("| 0.32 |"), simd);
        String neighbour = page.lines().filter(l -> l.startsWith("| simd | ch1-30 |")).findFirst().orElseThrow();
        assertTrue(neighbour.contains("| 1.20 |"), neighbour);
        assertEquals("", RunsSection.markdown(dir.resolve("nothing-here")));
    }
}
