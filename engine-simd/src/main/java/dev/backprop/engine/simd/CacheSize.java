package dev.backprop.engine.simd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The size of one core's level-2 cache, which sets how many rows of A {@link Gemm} packs at once.
 * Read from Linux's {@code /sys/devices/system/cpu/cpu0/cache}; where that cannot be read (another
 * OS, a container that hides it) {@link #FALLBACK_BYTES} is assumed. The value only changes how
 * the rows of a product are grouped, never the order of any sum, so results do not depend on it.
 */
final class CacheSize {
    /** What is assumed when the size cannot be read: 1 MiB, the L2 of most current x86 cores. */
    static final long FALLBACK_BYTES = 1L << 20;
    /** This machine's L2 per core, in bytes. */
    static final long L2_BYTES = readL2(Path.of("/sys/devices/system/cpu/cpu0/cache"));

    private CacheSize() {
    }

    /** The size of the unified or data cache of level 2 among {@code dir}'s {@code index*} entries. */
    static long readL2(Path dir) {
        for (int i = 0; i < 8; i++) {
            Path index = dir.resolve("index" + i);
            try {
                String level = Files.readString(index.resolve("level")).trim();
                String type = Files.readString(index.resolve("type")).trim();
                if (level.equals("2") && !type.equals("Instruction")) {
                    long bytes = parse(Files.readString(index.resolve("size")).trim());
                    return bytes > 0 ? bytes : FALLBACK_BYTES;
                }
            } catch (IOException | RuntimeException e) {
                // No such entry, or one we cannot read: look at the next.
            }
        }
        return FALLBACK_BYTES;
    }

    /** Linux's notation, {@code 2048K} or {@code 1M} or a plain byte count; −1 when it is none of those. */
    static long parse(String size) {
        if (size.isEmpty()) {
            return -1;
        }
        char unit = Character.toUpperCase(size.charAt(size.length() - 1));
        long factor = switch (unit) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = factor == 1 ? size : size.substring(0, size.length() - 1);
        try {
            long value = Long.parseLong(digits);
            return value > 0 ? value * factor : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
