package dev.backprop.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: how many single-precision FLOP/s can Java get out of this machine at all? The answer
 * is the yardstick for every engine: "the gradient runs at x % of the measured FMA peak".
 *
 * <ul>
 *   <li>{@code fmaPeak}: one thread, {@value #CHAINS} independent chains of vector FMAs on
 *       registers ({@code FloatVector.SPECIES_PREFERRED}, 16 lanes with AVX-512). Enough chains
 *       to cover the FMA latency (4 cycles) on two FMA ports with room to spare (8 would be the
 *       bare minimum; 12 accumulators and 2 operands still fit AVX2's 16 registers), no memory
 *       traffic: the core's arithmetic ceiling as the JIT can reach it.</li>
 *   <li>{@code fmaPeakAllCores}: the same on every hardware thread JMH sees (scores add up).</li>
 *   <li>{@code sgemm}: C = A B with A 32 × 64, B 64 × 64 (32 KB in all, so it stays in L1),
 *       register-blocked 4 rows × 2 vectors: eight accumulators, two vector loads and four
 *       broadcasts per eight FMAs. The best a real matrix product in Java gets, with loads.</li>
 * </ul>
 * Throughput mode with {@code @OperationsPerInvocation} set to the FLOPs of one call, so the
 * score is FLOP/s. Nothing is constant-folded: the operands come from {@code @State} arrays
 * and the accumulators go to the {@link Blackhole}; C2 may not reassociate floating-point
 * FMAs, so the chains stay as written. numpy's OpenBLAS {@code sgemm}, timed by the peers
 * script, is the non-Java reference.
 *
 * <p>This class uses {@code jdk.incubator.vector} directly and so needs
 * {@code --add-modules=jdk.incubator.vector} in the fork (it is in {@link Flags}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.VECTOR, Flags.NATIVE})
public class PeakBenchmark {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int CHAINS = 12;
    /** FLOPs of one fmaPeak call, 2 per lane per FMA: 3 · 2²⁰ divides evenly for 12 chains of 4 to 64 lanes. */
    static final int PEAK_FLOPS = 3 << 20;
    private static final int PEAK_STEPS = PEAK_FLOPS / (2 * CHAINS * S.length());

    static final int M = 32;
    static final int N = 64;
    static final int K = 64;
    static final int GEMM_FLOPS = 2 * M * N * K;

    private final float[] operands = new float[3 * S.length()];
    private final float[] a = new float[M * K];
    private final float[] b = new float[K * N];
    private final float[] c = new float[M * N];

    @Setup
    public void setUp() {
        Random random = new Random(5);
        for (int i = 0; i < operands.length; i++) {
            // Near 1 and below it: the chains neither overflow nor sink into subnormals.
            operands[i] = 0.999f + 0.0005f * random.nextFloat();
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat();
        }
    }

    @Benchmark
    @OperationsPerInvocation(PEAK_FLOPS)
    public void fmaPeak(Blackhole bh) {
        bh.consume(chains());
    }

    @Benchmark
    @Threads(Threads.MAX)
    @OperationsPerInvocation(PEAK_FLOPS)
    public void fmaPeakAllCores(Blackhole bh) {
        bh.consume(chains());
    }

    /** {@value #CHAINS} independent accumulators, each x ← x · m + s, PEAK_STEPS times. */
    private float chains() {
        FloatVector m = FloatVector.fromArray(S, operands, 0);
        FloatVector s = FloatVector.fromArray(S, operands, S.length()).mul(1e-3f);
        FloatVector x0 = FloatVector.fromArray(S, operands, 2 * S.length());
        FloatVector x1 = x0.add(1f);
        FloatVector x2 = x0.add(2f);
        FloatVector x3 = x0.add(3f);
        FloatVector x4 = x0.add(4f);
        FloatVector x5 = x0.add(5f);
        FloatVector x6 = x0.add(6f);
        FloatVector x7 = x0.add(7f);
        FloatVector x8 = x0.add(8f);
        FloatVector x9 = x0.add(9f);
        FloatVector x10 = x0.add(10f);
        FloatVector x11 = x0.add(11f);
        for (int i = 0; i < PEAK_STEPS; i++) {
            x0 = x0.fma(m, s);
            x1 = x1.fma(m, s);
            x2 = x2.fma(m, s);
            x3 = x3.fma(m, s);
            x4 = x4.fma(m, s);
            x5 = x5.fma(m, s);
            x6 = x6.fma(m, s);
            x7 = x7.fma(m, s);
            x8 = x8.fma(m, s);
            x9 = x9.fma(m, s);
            x10 = x10.fma(m, s);
            x11 = x11.fma(m, s);
        }
        FloatVector sum = x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).add(x8).add(x9).add(x10).add(x11);
        return sum.reduceLanes(VectorOperators.ADD);
    }

    @Benchmark
    @OperationsPerInvocation(GEMM_FLOPS)
    public void sgemm(Blackhole bh) {
        multiply(a, b, c);
        bh.consume(c);
    }

    /** C = A B, row-major; 4 × 2-vector register blocks; N must be a multiple of two vectors. */
    private static void multiply(float[] a, float[] b, float[] c) {
        int lanes = S.length();
        for (int i = 0; i < M; i += 4) {
            for (int j = 0; j < N; j += 2 * lanes) {
                FloatVector c00 = FloatVector.zero(S);
                FloatVector c01 = FloatVector.zero(S);
                FloatVector c10 = FloatVector.zero(S);
                FloatVector c11 = FloatVector.zero(S);
                FloatVector c20 = FloatVector.zero(S);
                FloatVector c21 = FloatVector.zero(S);
                FloatVector c30 = FloatVector.zero(S);
                FloatVector c31 = FloatVector.zero(S);
                for (int k = 0; k < K; k++) {
                    FloatVector b0 = FloatVector.fromArray(S, b, k * N + j);
                    FloatVector b1 = FloatVector.fromArray(S, b, k * N + j + lanes);
                    FloatVector a0 = FloatVector.broadcast(S, a[i * K + k]);
                    FloatVector a1 = FloatVector.broadcast(S, a[(i + 1) * K + k]);
                    FloatVector a2 = FloatVector.broadcast(S, a[(i + 2) * K + k]);
                    FloatVector a3 = FloatVector.broadcast(S, a[(i + 3) * K + k]);
                    c00 = a0.fma(b0, c00);
                    c01 = a0.fma(b1, c01);
                    c10 = a1.fma(b0, c10);
                    c11 = a1.fma(b1, c11);
                    c20 = a2.fma(b0, c20);
                    c21 = a2.fma(b1, c21);
                    c30 = a3.fma(b0, c30);
                    c31 = a3.fma(b1, c31);
                }
                c00.intoArray(c, i * N + j);
                c01.intoArray(c, i * N + j + lanes);
                c10.intoArray(c, (i + 1) * N + j);
                c11.intoArray(c, (i + 1) * N + j + lanes);
                c20.intoArray(c, (i + 2) * N + j);
                c21.intoArray(c, (i + 2) * N + j + lanes);
                c30.intoArray(c, (i + 3) * N + j);
                c31.intoArray(c, (i + 3) * N + j + lanes);
            }
        }
    }
}
