package dev.backprop.bench.jmh;

import dev.backprop.bench.report.Flops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Java half of {@code bench/peers/paired.py}: gradient steps on request, so that a Python
 * driver can alternate them with numpy's matrix product in slots of a second or two and compare
 * the two in the same minute.
 *
 * <p>Why not JMH and a later peer run: on the development machine (a shared VM with two vCPUs)
 * the speed of two threads drifts by a factor of two within minutes and also depends on what ran
 * just before (an idle vCPU comes back slowly), so a ratio between numbers taken minutes apart
 * says more about the host than about the code. Alternating slots, in both orders, puts the two
 * in the same conditions.
 *
 * <p>Protocol, one line each way: after {@code warm-up} seconds of steps it prints
 * {@code ready <flop>} (the products' floating-point operations of one step, as the report
 * counts them); each {@code run <seconds>} line runs steps back to back for that long and answers
 * {@code <median ns per step> <steps>}; end of input closes the engine. A step is what
 * {@link GradientBenchmark} measures: one mini-batch forward and through BP1–BP4, no update.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *   dev.backprop.bench.jmh.PairedGradient simd 784x1024x1024x10 1000 5
 * </pre>
 */
public final class PairedGradient {
    private PairedGradient() {
    }

    public static void main(String[] args) throws IOException {
        String usage = "usage: PairedGradient ENGINE SHAPE BATCH WARMUP_SECONDS, e.g. simd 784x1024x1024x10 1000 5; got "
                + Arrays.toString(args);
        int batch;
        double warmUp;
        try {
            if (args.length != 4) {
                throw new NumberFormatException("four arguments expected");
            }
            batch = Integer.parseInt(args[2]);
            warmUp = Double.parseDouble(args[3]);
        } catch (NumberFormatException e) {
            System.err.println(usage);
            System.exit(2);
            return;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        serve(args[0], args[1], batch, warmUp, in, out);
    }

    /** Warms up, says {@code ready}, then answers each {@code run} line until the input ends. */
    static void serve(String engine, String shape, int batch, double warmUpSeconds, BufferedReader in, PrintStream out)
            throws IOException {
        try (TrainingSession session = new TrainingSession(engine, shape, batch)) {
            stepFor(session, warmUpSeconds);
            out.println("ready " + (long) Flops.gradient(shape, batch));
            for (String line; (line = in.readLine()) != null; ) {
                String[] words = line.trim().split(" ");
                if (words.length != 2 || !words[0].equals("run")) {
                    throw new IllegalArgumentException("expected 'run <seconds>', got '" + line + "'");
                }
                long[] steps = stepFor(session, Double.parseDouble(words[1]));
                Arrays.sort(steps);
                out.println(steps[steps.length / 2] + " " + steps.length);
            }
        }
    }

    /** Steps back to back for at least {@code seconds} (at least one step); the time of each. */
    private static long[] stepFor(TrainingSession session, double seconds) {
        long[] times = new long[64];
        int count = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            long start = System.nanoTime();
            session.feed();
            session.bp.backpropagate();
            session.fence.await();
            long elapsed = System.nanoTime() - start;
            if (count == times.length) {
                times = Arrays.copyOf(times, 2 * count);
            }
            times[count++] = elapsed;
        } while (System.nanoTime() < end);
        return Arrays.copyOf(times, count);
    }
}
