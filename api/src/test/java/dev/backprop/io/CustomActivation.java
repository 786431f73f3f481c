package dev.backprop.io;

import dev.backprop.Activation;

/**
 * A custom activation as a user would write one: swish, σ(z) = z / (1 + e^−z). Model files and
 * ONNX store built-ins only, so each writer must refuse it by name.
 */
final class CustomActivation {
    static final Activation SWISH = new Activation() {
        @Override
        public String id() {
            return "swish";
        }

        @Override
        public float value(float z) {
            return z / (1 + (float) Math.exp(-z));
        }

        @Override
        public float derivative(float z) {
            float s = 1 / (1 + (float) Math.exp(-z));
            return s + z * s * (1 - s);
        }
    };

    private CustomActivation() {
    }
}
