package dev.backprop.tck;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.Costs;

import java.util.Random;

/** Seeded random inputs, so every run of the kit sees the same numbers. */
final class Inputs {
    private final Random random;

    Inputs(long seed) {
        this.random = new Random(seed);
    }

    /** Uniform in [−scale, scale]. */
    float[] uniform(int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((2 * random.nextDouble() - 1) * scale);
        }
        return v;
    }

    /** Weights N(0, 1/fanIn), the chapter-3 initialisation, so z stays of order 1. */
    float[] weights(int out, int in) {
        float[] v = new float[out * in];
        double scale = 1 / Math.sqrt(in);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    /**
     * Weighted inputs z of order 1, kept at least {@code 1e-3} away from 0 so ReLU's kink is not
     * hit: its σ′ there is a convention, not a derivative.
     */
    float[] weightedInputs(int n) {
        float[] v = uniform(n, 3);
        for (int i = 0; i < n; i++) {
            if (Math.abs(v[i]) < 1e-3f) {
                v[i] = v[i] < 0 ? -0.5f : 0.5f;
            }
        }
        return v;
    }

    /** Targets that suit the cost: one-hot for log-likelihood, in [0, 1] otherwise. */
    float[] targets(Cost cost, int m, int width) {
        float[] y = new float[m * width];
        for (int x = 0; x < m; x++) {
            if (cost == Costs.LOG_LIKELIHOOD) {
                y[x * width + random.nextInt(width)] = 1;
            } else {
                for (int j = 0; j < width; j++) {
                    y[x * width + j] = random.nextBoolean() ? random.nextFloat() : (random.nextBoolean() ? 1f : 0f);
                }
            }
        }
        return y;
    }

    /** a = σ(z) as the api computes it, so a and z given to BP1 agree. */
    static float[] activate(Activation f, float[] z, int m, int width) {
        float[] a = new float[z.length];
        for (int x = 0; x < m; x++) {
            f.apply(z, a, x * width, width);
        }
        return a;
    }

    Random random() {
        return random;
    }
}
