package dev.backprop.bench.jmh;

import dev.backprop.bench.EngineNames;

import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: which equation does an engine spend its time on?
 *
 * <p>Each SPI operation of {@link Engine}, alone, on one layer of fan-in {@code in} and width
 * {@code out} (the {@code layer} parameter, {@code "784x100"}) and a batch of m examples:
 * <ul>
 *   <li>{@code feedforward}: Eq. 25, Z = A Wᵀ + b and σ(Z), an m × in × out product;</li>
 *   <li>{@code outputError}: BP1 for quadratic cost and sigmoid, element-wise over m × out;</li>
 *   <li>{@code backpropagate}: BP2 through this layer's W, Δ_in = (Δ W) ⊙ σ′(Z_in), m × out × in;</li>
 *   <li>{@code biasGradient}: BP3, column means of Δ (m × out);</li>
 *   <li>{@code weightGradient}: BP4, Δᵀ A / m, out × m × in;</li>
 *   <li>{@code update}: the SGD step with weight decay on W (out × in);</li>
 *   <li>{@code weightGradientAndUpdate}: BP4 and that step in one call, as {@code Trainer} takes
 *       it (an engine may fuse them; the reference engine makes the two calls).</li>
 * </ul>
 * Average time per call. Every matrix is allocated and filled with seeded random values in
 * {@code @Setup}; inputs are never modified by the operations (the SPI's contract), so each call
 * does the same work, except {@code update} and {@code weightGradientAndUpdate}, which move W towards the fixed point −η g / decay
 * and so stays finite. Each call ends with a {@link Fence} read into the {@link Blackhole}, so a
 * device engine's queued kernels are inside the measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.VECTOR, Flags.NATIVE})
public class OperationBenchmark {
    @Param({EngineNames.REF, EngineNames.SIMD, EngineNames.OPENCL})
    public String engine;

    @Param({"784x100", "1024x1024"})
    public String layer;

    @Param({"10", "100", "1000"})
    public int batch;

    private Engine opened;
    private Fence fence;
    private Matrix w;
    private Matrix b;
    private Matrix aIn;
    private Matrix zIn;
    private Matrix z;
    private Matrix aOut;
    private Matrix y;
    private Matrix delta;
    private Matrix deltaIn;
    private Matrix gradW;
    private Matrix gradB;
    private Matrix scratch;

    @Setup
    public void setUp() {
        opened = EngineChoice.open(engine);
        fence = new Fence(opened);
        int[] dims = Shapes.sizes(layer);
        int in = dims[0];
        int out = dims[1];
        Random random = new Random(7);
        w = filled(out, in, random, 1f / (float) Math.sqrt(in), 0f);
        b = filled(1, out, random, 1f, 0f);
        aIn = filled(batch, in, random, 0.5f, 0.5f);
        zIn = filled(batch, in, random, 1f, 0f);
        z = filled(batch, out, random, 1f, 0f);
        aOut = filled(batch, out, random, 0.5f, 0.5f);
        y = filled(batch, out, random, 0.5f, 0.5f);
        delta = filled(batch, out, random, 0.1f, 0f);
        deltaIn = filled(batch, in, random, 0f, 0f);
        gradW = filled(out, in, random, 0.01f, 0f);
        gradB = filled(1, out, random, 0f, 0f);
        scratch = filled(out, in, random, 0f, 0f);
    }

    /** A matrix of uniform values in [centre − spread, centre + spread), seeded. */
    private Matrix filled(int rows, int cols, Random random, float spread, float centre) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = centre + spread * (2 * random.nextFloat() - 1);
        }
        Matrix m = opened.allocate(rows, cols);
        opened.write(m, values);
        return m;
    }

    @Benchmark
    public void feedforward(Blackhole bh) {
        opened.feedforward(w, b, aIn, z, aOut, Activations.SIGMOID);
        bh.consume(fence.await());
    }

    @Benchmark
    public void outputError(Blackhole bh) {
        opened.outputError(Costs.QUADRATIC, Activations.SIGMOID, aOut, z, y, delta);
        bh.consume(fence.await());
    }

    @Benchmark
    public void backpropagate(Blackhole bh) {
        opened.backpropagate(w, delta, zIn, Activations.SIGMOID, deltaIn);
        bh.consume(fence.await());
    }

    @Benchmark
    public void biasGradient(Blackhole bh) {
        opened.biasGradient(delta, gradB);
        bh.consume(fence.await());
    }

    @Benchmark
    public void weightGradient(Blackhole bh) {
        opened.weightGradient(delta, aIn, gradW);
        bh.consume(fence.await());
    }

    @Benchmark
    public void update(Blackhole bh) {
        opened.update(w, gradW, 0.01f, 1e-4f);
        bh.consume(fence.await());
    }

    @Benchmark
    public void weightGradientAndUpdate(Blackhole bh) {
        opened.weightGradientAndUpdate(delta, aIn, scratch, w, 0.01f, 1e-4f);
        bh.consume(fence.await());
    }

    @TearDown
    public void tearDown() {
        if (opened != null) {
            opened.close();
        }
    }
}
