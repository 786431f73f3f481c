package dev.backprop.bench.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A CPU-bound neighbour for the co-tenant runs: a shell busy loop pinned to processor 1 with
 * {@code taskset}, as another program's thread, a build or another JVM keeps a core busy on a
 * shared machine. Started before a measured process and stopped after it.
 */
final class Neighbour implements AutoCloseable {
    private final java.lang.Process process;

    private Neighbour(java.lang.Process process) {
        this.process = process;
    }

    /** Whether {@code taskset} is there to pin the neighbour (and a measured process). */
    static boolean usable() {
        try {
            return new ProcessBuilder("taskset", "-c", "0", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Neighbour start(Path dir) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder("taskset", "-c", "1", "sh", "-c", "while :; do :; done")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        // Let it take its core before the measured process starts.
        Thread.sleep(200);
        if (!p.isAlive()) {
            throw new IOException("the busy neighbour (taskset -c 1 sh -c 'while :; do :; done') exited with " + p.exitValue());
        }
        return new Neighbour(p);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
