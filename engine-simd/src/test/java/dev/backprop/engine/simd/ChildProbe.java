package dev.backprop.engine.simd;

import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.Engines;
import dev.backprop.spi.Availability;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;
import dev.backprop.spi.Matrix;

import java.util.Arrays;

/**
 * Run in a child JVM by {@link SimdEngineProviderTest}, with JVM options the test cannot change
 * for itself: {@code availability} (started without --add-modules) prints what the provider and
 * {@code Engines} say; {@code digest} prints a hash of the bits of every operation's output, so
 * runs in the interpreter and under C2 can be compared.
 */
public final class ChildProbe {
    private ChildProbe() {
    }

    public static void main(String[] args) {
        if (args[0].equals("availability")) {
            SimdEngineProvider provider = new SimdEngineProvider();
            Availability availability = provider.availability();
            System.out.println("available=" + availability.available());
            System.out.println("detail=" + availability.detail());
            try (Engine e = provider.open()) {
                // Past the size from which the engine aligns matrices, and used once.
                Matrix m = e.allocate(64, 64);
                e.write(m, new float[64 * 64]);
                System.out.println("open=ok");
                System.out.println("aligned=" + Alignment.available());
            } catch (RuntimeException e) {
                System.out.println("open=" + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            // No other engine is on this module's test class path, so an unavailable simd engine
            // leaves Engines none to choose (bench's tests see the fall-back to another engine).
            Engines engines = Engines.load();
            System.out.println("available engines=" + engines.providers().stream()
                    .filter(p -> engines.availability(p).available()).map(EngineProvider::name).toList());
        } else {
            System.out.println("digest=" + digest());
        }
    }

    /**
     * Every operation on shapes that take the packed and the direct products, every built-in
     * activation: the hash of all output bits.
     */
    static int digest() {
        int hash = 1;
        try (Engine e = new SimdEngine(2)) {
            for (int[] s : new int[][] {{100, 64, 48}, {10, 40, 33}}) {
                int m = s[0];
                int in = s[1];
                int out = s[2];
                for (Activations f : Activations.values()) {
                    Matrix w = Fixtures.matrix(e, out, in, Fixtures.random(1, out * in, -0.5f, 0.5f));
                    Matrix b = Fixtures.matrix(e, 1, out, Fixtures.random(2, out, -1, 1));
                    Matrix x = Fixtures.matrix(e, m, in, Fixtures.random(3, m * in, -1, 1));
                    Matrix y = Fixtures.matrix(e, m, out, Fixtures.random(4, m * out, 0, 1));
                    Matrix z = e.allocate(m, out);
                    Matrix a = e.allocate(m, out);
                    Matrix delta = e.allocate(m, out);
                    e.feedforward(w, b, x, z, a, f);
                    Cost c = f == Activations.SOFTMAX ? Costs.LOG_LIKELIHOOD : Costs.QUADRATIC;
                    e.outputError(c, f, a, z, y, delta);
                    Matrix gw = e.allocate(out, in);
                    Matrix gb = e.allocate(1, out);
                    e.weightGradient(delta, x, gw);
                    e.biasGradient(delta, gb);
                    hash = 31 * hash + bits(e, z, a, delta, gw, gb);
                    if (f.isElementwise()) {
                        Matrix below = e.allocate(m, in);
                        e.backpropagate(w, delta, x, f, below);
                        hash = 31 * hash + bits(e, below);
                    }
                }
            }
        }
        return hash;
    }

    private static int bits(Engine e, Matrix... matrices) {
        int hash = 1;
        for (Matrix m : matrices) {
            float[] v = Fixtures.read(e, m);
            int[] raw = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                raw[i] = Float.floatToRawIntBits(v[i]);
            }
            hash = 31 * hash + Arrays.hashCode(raw);
        }
        return hash;
    }
}
