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

    /**
     * A rule that compares numbers reports how much of its tolerance the worst element used, and
     * where: an engine author reads from the report how close to failing a passing engine is.
     */
    @Test
    void reportsSayTheLargestShareOfToleranceUsedAndWhere() throws Exception {
        Path json = dir.resolve("bp2.json");
        assertEquals(0, TckMain.run(new String[] {"--engine", "ref", "--rule", RuleIds.BP2, "--report", json.toString()}));
        String text = Files.readString(json);
        java.util.regex.Matcher share = java.util.regex.Pattern.compile("\"maxToleranceUsed\": ([0-9.eE+-]+), "
                + "\"largestShareAt\": \"([^\"]*)\"").matcher(text);
        assertTrue(share.find(), text);
        double used = Double.parseDouble(share.group(1));
        // The reference engine and the double oracle differ by float rounding: some share, well below all of it.
        assertTrue(used > 0 && used < 1, "share of tolerance " + used + " in " + text);
        assertTrue(!share.group(2).isBlank(), "no place named for the largest share: " + text);
        Path md = dir.resolve("bp2.md");
        assertEquals(0, TckMain.run(new String[] {"--engine", "ref", "--rule", RuleIds.BP2, "--report", md.toString()}));
        assertTrue(Files.readString(md).contains("largest share of tolerance"), Files.readString(md));
    }

    @Test
    void badCommandLinesExitWithTwo() {
        assertEquals(2, TckMain.run(new String[] {"--engine", "no-such-engine"}));
        assertEquals(2, TckMain.run(new String[] {"--rule", "required_nothing"}));
        assertEquals(2, TckMain.run(new String[] {"--frobnicate"}));
        assertEquals(2, TckMain.run(new String[] {"--report"}));
    }
}
