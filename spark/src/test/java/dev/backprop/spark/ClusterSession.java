package dev.backprop.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A driver in this JVM for a {@link LoopbackCluster}: the backprop jars shipped with
 * {@code spark.jars}, executors of one core each, and their JVM flags (the Vector API module, so
 * that {@link dev.backprop.Engines} finds the SIMD engine there; one engine thread per core).
 */
final class ClusterSession {
    /** What {@code spark.executor.extraJavaOptions} gives every executor. */
    static final String EXECUTOR_FLAGS = "--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED "
            + "--sun-misc-unsafe-memory-access=allow -Dbackprop.simd.threads=1";

    private ClusterSession() {
    }

    /**
     * Starts an application on {@code cluster} with {@code executors} executors and waits until
     * all have registered with the driver.
     */
    static SparkSession start(LoopbackCluster cluster, Path scratch, String name, int executors)
            throws IOException, InterruptedException {
        List<String> jars = SparkHome.backpropJars(scratch, "backprop-engine-ref", "backprop-engine-simd");
        SparkSession spark = SparkSession.builder()
                .master(cluster.masterUrl())
                .appName(name)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.jars", String.join(",", jars))
                .config("spark.executor.memory", "512m")
                .config("spark.executor.cores", "1")
                .config("spark.cores.max", Integer.toString(executors))
                .config("spark.executor.extraJavaOptions", EXECUTOR_FLAGS)
                .getOrCreate();
        awaitExecutors(JavaSparkContext.fromSparkContext(spark.sparkContext()), executors, Duration.ofSeconds(90));
        return spark;
    }

    /** Waits until {@code count} executors (the driver not counted) are registered. */
    static void awaitExecutors(JavaSparkContext sc, int count, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (executors(sc) < count) {
            if (System.nanoTime() > deadline) {
                throw new IOException(count + " executors did not register within " + timeout + "; " + executors(sc)
                        + " did");
            }
            Thread.sleep(200);
        }
    }

    /** Executors registered now, the driver not counted. */
    static int executors(JavaSparkContext sc) {
        return sc.sc().statusTracker().getExecutorInfos().length - 1;
    }
}
