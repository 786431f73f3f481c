package dev.backprop.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The facts every absolute number needs next to it: CPU model, cores, JDK, OS and the date.
 * The CPU model is read from /proc/cpuinfo (Linux); elsewhere it says "unknown CPU".
 */
public record Machine(String cpu, int cores, String jdk, String os, String date) {

    public static Machine here() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vendor", "?") + " " + System.getProperty("java.runtime.version", "?"),
                System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?") + " "
                        + System.getProperty("os.arch", "?"),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
    }

    /** "Intel(R) Xeon(R) Processor, 2 cores, Eclipse Adoptium 25.0.3+9-LTS, 2026-11-29 10:00 UTC". */
    public String line() {
        return cpu + ", " + cores + (cores == 1 ? " core" : " cores") + ", " + jdk + ", " + date;
    }

    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = null;
            String family = null;
            String number = null;
            for (String line : lines) {
                String value = line.contains(":") ? line.substring(line.indexOf(':') + 1).trim() : "";
                if (line.startsWith("model name") && model == null) {
                    model = value;
                } else if (line.startsWith("cpu family") && family == null) {
                    family = value;
                } else if (line.matches("^model\\s*:.*") && number == null) {
                    number = value;
                }
            }
            if (model == null) {
                return "unknown CPU";
            }
            // A virtual machine often hides the product name; family and model still identify it.
            return family != null && number != null ? model + " (family " + family + ", model " + number + ")" : model;
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
