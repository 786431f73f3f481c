package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.tck.RuleIds;
import dev.backprop.tck.TckMain;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's command-line runner on the reference engine, found by name through ServiceLoader. */
class TckCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void runsEveryRuleAndWritesJsonAndMarkdownReports() throws Exception {
        Path json = dir.resolve("ref.json");
        assertEquals(0, TckMain.run(new String[] {"--engine", "ref", "--report", json.toString()}));
        String text = Files.readString(json);
        assertEquals(TckMain.ruleIds().size(), text.split("\"status\": \"PASS\"", -1).length - 1, text);
        Path md = dir.resolve("ref.md");
        assertEquals(0, TckMain.run(new String[] {"--engine", "ref", "--rule", RuleIds.BP2, "--report", md.toString()}));
        assertTrue(Files.readString(md).contains("| PASS | `" + RuleIds.BP2 + "` | BP2 |"), Files.readString(md));
    }

    @Test
    void badCommandLinesExitWithTwo() {
        assertEquals(2, TckMain.run(new String[] {"--engine", "no-such-engine"}));
        assertEquals(2, TckMain.run(new String[] {"--rule", "required_nothing"}));
        assertEquals(2, TckMain.run(new String[] {"--frobnicate"}));
        assertEquals(2, TckMain.run(new String[] {"--report"}));
    }
}
