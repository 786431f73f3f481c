package dev.backprop.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on 127.0.0.1, from the Maven-resolved jars: a Master and
 * Workers as separate JVMs (the classes {@code sbin/start-master.sh} and {@code start-worker.sh}
 * run), each Worker offering {@code cores} cores, and executors that the Workers launch as JVMs of
 * their own. {@link SparkHome} stands in for a Spark distribution's directory.
 *
 * <p>Every process is stopped by {@link #close()}, by a shutdown hook if the JVM exits first,
 * and, should this JVM be killed outright, by itself: the daemons run under {@link ParentWatch}.
 *
 * <pre>{@code
 * try (LoopbackCluster cluster = LoopbackCluster.start(dir, 2, 1)) {
 *     SparkSession spark = SparkSession.builder().master(cluster.masterUrl())…
 * }
 * }</pre>
 */
final class LoopbackCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final SparkHome home;
    private final Path dir;
    private final int masterPort;
    private final int masterUiPort;
    private final List<Process> daemons = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "loopback-cluster-stop");
    private boolean closed;

    private LoopbackCluster(SparkHome home, Path dir) throws IOException {
        this.home = home;
        this.dir = dir;
        this.masterPort = freePort();
        this.masterUiPort = freePort();
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts a Master and {@code workers} Workers of {@code cores} cores and 2 GiB each, and waits
     * until every Worker has registered.
     *
     * @param dir where the cluster's logs and work directories go (emptied first)
     */
    static LoopbackCluster start(Path dir, int workers, int cores) throws IOException, InterruptedException {
        SparkHome home = SparkHome.prepare(dir.resolve("spark-home"));
        LoopbackCluster cluster = new LoopbackCluster(home, dir);
        boolean started = false;
        try {
            cluster.daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(cluster.masterPort), "--webui-port", Integer.toString(cluster.masterUiPort));
            cluster.awaitPort(cluster.masterPort);
            for (int w = 1; w <= workers; w++) {
                Path work = Files.createDirectories(dir.resolve("work-" + w));
                cluster.daemon("worker-" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--port", "0", "--webui-port", "0", "--cores", Integer.toString(cores), "--memory", "2g",
                        "--work-dir", work.toString(), cluster.masterUrl());
            }
            cluster.awaitWorkers(workers);
            started = true;
            return cluster;
        } finally {
            if (!started) {
                cluster.close();
            }
        }
    }

    /** spark://127.0.0.1:PORT. */
    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    SparkHome home() {
        return home;
    }

    /** The executor JVMs the Workers have launched and that are alive now. */
    List<ProcessHandle> executors() {
        List<ProcessHandle> executors = new ArrayList<>();
        for (Process daemon : daemons) {
            daemon.descendants().filter(p -> commandLine(p).contains("CoarseGrainedExecutorBackend"))
                    .forEach(executors::add);
        }
        return executors;
    }

    /** Kills the JVM of executor {@code id} with SIGKILL, as a crash would; false if it is not found. */
    boolean killExecutor(String id) {
        for (ProcessHandle executor : executors()) {
            List<String> args = List.of(executor.info().arguments().orElse(new String[0]));
            int at = args.indexOf("--executor-id");
            if (at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(id)) {
                return executor.destroyForcibly();
            }
        }
        return false;
    }

    private static String commandLine(ProcessHandle p) {
        return p.info().commandLine().orElse("");
    }

    private void daemon(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.java(), "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-cp", home.jarsGlob() + java.io.File.pathSeparator + SparkHome.ownClasses(ParentWatch.class),
                ParentWatch.class.getName(), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        home.environment(builder.environment());
        // Standard input stays a pipe from this JVM: ParentWatch exits when it closes.
        daemons.add(builder.start());
    }

    private void awaitPort(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            checkAlive();
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException("the Spark master did not open port " + port + " within " + START_TIMEOUT
                + "; see " + dir.resolve("master.log"));
    }

    /** Polls the master's JSON status until {@code workers} are alive. */
    private void awaitWorkers(int workers) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI status = URI.create("http://127.0.0.1:" + masterUiPort + "/json/");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            checkAlive();
            try {
                last = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = ALIVE_WORKERS.matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) >= workers) {
                    return;
                }
            } catch (IOException notYet) {
                // the web UI starts a little after the RPC port
            }
            Thread.sleep(250);
        }
        throw new IOException(workers + " workers did not register within " + START_TIMEOUT + "; master says " + last
                + "; see the logs in " + dir);
    }

    private void checkAlive() throws IOException {
        for (Process daemon : daemons) {
            if (!daemon.isAlive()) {
                throw new IOException("a Spark daemon exited with " + daemon.exitValue() + " while starting; see the logs in "
                        + dir);
            }
        }
    }

    /** Stops every process: executors first (a killed Worker would orphan them), then Workers, then the Master. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
    }

    private void stopAll() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process daemon = daemons.get(i);
            daemon.descendants().forEach(all::add);
            all.add(daemon.toHandle());
        }
        for (ProcessHandle p : all) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the caller's check of executors() if it matters
            }
        }
    }

    /** Whether any process this cluster started is still alive (for the tests' cleanup check). */
    boolean anyAlive() {
        for (Process daemon : daemons) {
            if (daemon.isAlive() || daemon.descendants().anyMatch(ProcessHandle::isAlive)) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
