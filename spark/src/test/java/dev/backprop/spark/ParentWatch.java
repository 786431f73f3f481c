package dev.backprop.spark;

import java.io.IOException;
import java.util.Arrays;

/**
 * Runs another main class and exits when the process that started this one dies: it reads this
 * JVM's standard input, a pipe from the parent, until end of file, which comes when the parent's
 * end closes, also when the parent was killed and ran no cleanup of its own. The loopback
 * cluster starts Spark's Master and Workers through it, so that not even a killed test JVM
 * leaves them behind ({@code System.exit} runs the Worker's shutdown hook, which kills its
 * executors).
 *
 * <pre>{@code
 * java -cp … dev.backprop.spark.ParentWatch org.apache.spark.deploy.master.Master --host 127.0.0.1 …
 * }</pre>
 */
public final class ParentWatch {
    private ParentWatch() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ParentWatch MAIN-CLASS [ARGUMENTS…]");
        }
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; anything it did is ignored
                }
            } catch (IOException e) {
                // a broken pipe means the same as end of file
            }
            System.exit(0);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        Class.forName(args[0]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
