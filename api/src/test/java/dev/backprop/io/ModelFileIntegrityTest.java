package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored model never loads with a changed value: a changed byte anywhere in an entry is caught
 * by the entry's CRC-32 (which {@code ZipFile} itself does not check) or by the inflater, and the
 * load fails with the array named.
 */
class ModelFileIntegrityTest {
    private static final Network NETWORK = Network.of(20, 8, 3);

    @TempDir
    Path dir;

    @Test
    void aFlippedBitInAStoredEntryIsCaughtByItsCrc() throws IOException {
        // np.savez stores entries uncompressed: a flipped bit there is a different float, unless checked.
        Parameters parameters = Parameters.initialize(NETWORK, Init.STANDARD_NORMAL, 3);
        Path saved = dir.resolve("model.npz");
        ModelFile.save(NETWORK, parameters, saved);
        Map<String, byte[]> entries = TestFiles.entries(saved);
        byte[] zip = storedZip(entries);
        int w2 = indexOf(zip, entries.get("w2"));
        assertTrue(w2 > 0, "the stored w2 bytes are in the zip");
        // A bit in the middle of w2's data: a weight's mantissa.
        int offset = w2 + entries.get("w2").length - 40;
        zip[offset] ^= 0x04;
        Path file = dir.resolve("flipped.npz");
        Files.write(file, zip);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertEquals("w2", e.entry(), e.getMessage());
        assertTrue(e.getMessage().contains("CRC-32") && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void everySampledByteChangeFailsOrLoadsTheSameBits() throws IOException {
        Parameters parameters = Parameters.initialize(NETWORK, Init.STANDARD_NORMAL, 5);
        Path saved = dir.resolve("model.npz");
        ModelFile.save(NETWORK, parameters, saved);
        byte[] deflated = Files.readAllBytes(saved);
        byte[] stored = storedZip(TestFiles.entries(saved));
        Random random = new Random(11);
        int failures = 0;
        int cases = 0;
        for (byte[] original : new byte[][] {deflated, stored}) {
            for (int i = 0; i < 300; i++) {
                byte[] damaged = original.clone();
                int at = random.nextInt(damaged.length);
                damaged[at] ^= (byte) (1 << random.nextInt(8));
                Path file = dir.resolve("damaged-" + cases++ + ".npz");
                Files.write(file, damaged);
                try {
                    Parameters loaded = ModelFile.load(file).parameters();
                    assertEquals(parameters, loaded, "byte " + at + " changed, yet the model loaded with other values");
                } catch (ModelFormatException e) {
                    failures++;
                    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                }
            }
        }
        // Most changes hit weights and must fail; a few hit zip fields that nothing reads.
        assertTrue(failures > cases / 2, failures + " of " + cases + " changes were caught");
    }

    /** The entries as an uncompressed zip, as numpy's np.savez writes it. */
    static byte[] storedZip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
