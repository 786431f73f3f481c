package dev.backprop.spark;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * A listener on the driver that kills, with SIGKILL, the executor JVM running the
 * {@code killAt}-th task of the application as soon as the driver hears that the task started,
 * so the executor dies in the middle of a round; and counts what Spark then reports: failed
 * task attempts, executors removed and added.
 */
final class ExecutorKiller extends SparkListener {
    private final LoopbackCluster cluster;
    private final int killAt;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicBoolean killed = new AtomicBoolean();
    private final AtomicInteger failedTasks = new AtomicInteger();
    private final AtomicInteger removed = new AtomicInteger();
    private final AtomicInteger added = new AtomicInteger();
    private volatile String killedExecutor;

    ExecutorKiller(LoopbackCluster cluster, int killAt) {
        this.cluster = cluster;
        this.killAt = killAt;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        if (started.incrementAndGet() == killAt && killed.compareAndSet(false, true)) {
            String executor = start.taskInfo().executorId();
            if (cluster.killExecutor(executor)) {
                killedExecutor = executor;
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!(end.reason() instanceof Success$)) {
            failedTasks.incrementAndGet();
        }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removal) {
        removed.incrementAndGet();
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded addition) {
        added.incrementAndGet();
    }

    /** The executor id killed, or null if none was (the task count never reached killAt). */
    String killedExecutor() {
        return killedExecutor;
    }

    int failedTasks() {
        return failedTasks.get();
    }

    int executorsRemoved() {
        return removed.get();
    }

    int executorsAdded() {
        return added.get();
    }

    @Override
    public String toString() {
        return "killed executor " + killedExecutor + " at task start " + killAt + "; then " + failedTasks + " failed task "
                + "attempts, " + removed + " executors removed, " + added + " added";
    }
}
