package dev.backprop.tck;

import dev.backprop.Activation;
import dev.backprop.Cost;

/**
 * A custom activation and a custom cost, as a user would write them, for the rules that check
 * that an engine either computes user-defined functions correctly or refuses them up front.
 */
final class CustomFunctions {
    private CustomFunctions() {
    }

    /** σ(z) = z / (1 + |z|), σ′(z) = 1 / (1 + |z|)²; bounded slope like the built-ins. */
    static final Activation SOFTSIGN = new Activation() {
        @Override
        public String id() {
            return "tck-softsign";
        }

        @Override
        public float value(float z) {
            return z / (1 + Math.abs(z));
        }

        @Override
        public float derivative(float z) {
            float d = 1 + Math.abs(z);
            return 1 / (d * d);
        }

        @Override
        public String toString() {
            return id();
        }
    };

    /** c(a, y) = (a − y)⁴ / 4, so BP1 is δ = (a − y)³ σ′(z). */
    static final Cost QUARTIC = new Cost() {
        @Override
        public String id() {
            return "tck-quartic";
        }

        @Override
        public double value(float a, float y) {
            double d = (double) a - y;
            return d * d * d * d / 4;
        }

        @Override
        public float outputError(float a, float y, float z, Activation f) {
            float d = a - y;
            return d * d * d * f.derivative(z);
        }

        @Override
        public String toString() {
            return id();
        }
    };
}
