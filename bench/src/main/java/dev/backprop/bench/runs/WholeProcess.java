package dev.backprop.bench.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One whole process of the run-level suite: started, timed from outside (from {@code start()} to
 * its exit), its standard output kept as lines. Its standard error is kept apart, for the message
 * of a failure.
 *
 * @param seconds wall time from start to exit
 * @param exit    the exit code
 * @param out     standard output, line by line
 * @param err     standard error
 */
record WholeProcess(double seconds, int exit, List<String> out, String err) {

    /** Runs {@code command} in {@code dir} with {@code environment} changes (null value: removed), at most {@code limitSeconds}. */
    static WholeProcess run(List<String> command, Path dir, Map<String, String> environment, long limitSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        environment.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        long start = System.nanoTime();
        java.lang.Process p = builder.start();
        // Read both streams while it runs: a full pipe would stall the child.
        StringBuilder err = new StringBuilder();
        Thread errReader = new Thread(() -> {
            try {
                err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.append("(standard error unreadable: ").append(e.getMessage()).append(')');
            }
        });
        errReader.start();
        List<String> out = new ArrayList<>(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out after " + limitSeconds + " s: " + String.join(" ", command));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        errReader.join();
        return new WholeProcess(seconds, p.exitValue(), out, err.toString());
    }

    /** The value after {@code key} on the first output line starting with it ("key value"), or NaN. */
    double value(String key) {
        for (String line : out) {
            if (line.startsWith(key + " ")) {
                return Double.parseDouble(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return Double.NaN;
    }

    /** Fails with the process's own words unless it exited with 0. */
    WholeProcess checked(String what) throws IOException {
        if (exit != 0) {
            String tail = err.lines().reduce((a, b) -> b).orElse("");
            throw new IOException(what + " exited with " + exit + ": " + tail);
        }
        return this;
    }
}
