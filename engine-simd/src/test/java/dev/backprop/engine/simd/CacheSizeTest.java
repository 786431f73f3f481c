package dev.backprop.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the L2 size the way Linux's sysfs lays it out, and what happens when it cannot be read. */
class CacheSizeTest {
    @TempDir
    Path dir;

    @Test
    void parsesLinuxNotation() {
        assertEquals(2048L * 1024, CacheSize.parse("2048K"));
        assertEquals(1L << 20, CacheSize.parse("1M"));
        assertEquals(3L << 30, CacheSize.parse("3g"));
        assertEquals(524288L, CacheSize.parse("524288"));
        assertEquals(-1, CacheSize.parse(""));
        assertEquals(-1, CacheSize.parse("K"));
        assertEquals(-1, CacheSize.parse("0K"));
        assertEquals(-1, CacheSize.parse("-4K"));
        assertEquals(-1, CacheSize.parse("two MB"));
    }

    @Test
    void findsTheLevelTwoEntryAmongTheOthers() throws IOException {
        entry(0, "1", "Data", "48K");
        entry(1, "1", "Instruction", "64K");
        entry(2, "2", "Unified", "2048K");
        entry(3, "3", "Unified", "491520K");
        assertEquals(2L << 20, CacheSize.readL2(dir));
    }

    @Test
    void skipsALevelTwoInstructionCache() throws IOException {
        entry(0, "2", "Instruction", "64K");
        entry(1, "2", "Data", "512K");
        assertEquals(512L << 10, CacheSize.readL2(dir));
    }

    @Test
    void fallsBackWhenNothingCanBeRead() throws IOException {
        assertEquals(CacheSize.FALLBACK_BYTES, CacheSize.readL2(dir.resolve("missing")));
        entry(0, "2", "Unified", "lots");
        assertEquals(CacheSize.FALLBACK_BYTES, CacheSize.readL2(dir));
    }

    @Test
    void thisMachinesValueIsPlausible() {
        assertTrue(CacheSize.L2_BYTES >= 64 << 10 && CacheSize.L2_BYTES <= 1L << 30,
                "L2 of " + CacheSize.L2_BYTES + " bytes");
    }

    private void entry(int index, String level, String type, String size) throws IOException {
        Path entry = Files.createDirectories(dir.resolve("index" + index));
        Files.writeString(entry.resolve("level"), level + "\n");
        Files.writeString(entry.resolve("type"), type + "\n");
        Files.writeString(entry.resolve("size"), size + "\n");
    }
}
