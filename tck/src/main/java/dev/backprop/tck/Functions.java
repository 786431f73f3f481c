package dev.backprop.tck;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.Activations;
import dev.backprop.Costs;

/**
 * σ, σ′ and the costs in double, re-derived from their definitions for the oracle. Nothing here
 * calls the api's implementations of the built-ins, so a mistake there is not copied into the
 * expected values. A custom activation or cost has no double form the kit could know, so the
 * kit evaluates its own {@link CustomFunctions} in double and refuses any other.
 */
final class Functions {
    private Functions() {
    }

    static double sigma(Activation f, double z) {
        if (f == Activations.SIGMOID) {
            return 1 / (1 + Math.exp(-z));
        } else if (f == Activations.TANH) {
            return Math.tanh(z);
        } else if (f == Activations.RELU) {
            return z > 0 ? z : 0;
        } else if (f == Activations.IDENTITY) {
            return z;
        } else if (f == CustomFunctions.SOFTSIGN) {
            return z / (1 + Math.abs(z));
        }
        throw new IllegalArgumentException("the oracle has no double form of activation " + f.id());
    }

    static double sigmaPrime(Activation f, double z) {
        if (f == Activations.SIGMOID) {
            double s = 1 / (1 + Math.exp(-z));
            return s * (1 - s);
        } else if (f == Activations.TANH) {
            double t = Math.tanh(z);
            return 1 - t * t;
        } else if (f == Activations.RELU) {
            return z > 0 ? 1 : 0; // the api's convention at the kink
        } else if (f == Activations.IDENTITY) {
            return 1;
        } else if (f == CustomFunctions.SOFTSIGN) {
            double d = 1 + Math.abs(z);
            return 1 / (d * d);
        }
        throw new IllegalArgumentException("the oracle has no double form of σ′ of " + f.id());
    }

    /** Softmax of one row, stabilised by the row maximum. */
    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            a[j] = Math.exp(z[j] - max);
            sum += a[j];
        }
        for (int j = 0; j < z.length; j++) {
            a[j] /= sum;
        }
        return a;
    }

    /** One output neuron's contribution to C_x, as documented by {@link dev.backprop.Costs}. */
    static double cost(Cost c, double a, double y) {
        if (c == Costs.QUADRATIC) {
            return 0.5 * (a - y) * (a - y);
        } else if (c == Costs.CROSS_ENTROPY) {
            double v = 0;
            if (y != 0) {
                v -= y * Math.log(Math.max(a, Float.MIN_VALUE));
            }
            if (y != 1) {
                v -= (1 - y) * Math.log(Math.max(1 - a, 0x1p-24));
            }
            return v;
        } else if (c == Costs.LOG_LIKELIHOOD) {
            return y == 0 ? 0 : -y * Math.log(Math.max(a, Float.MIN_VALUE));
        } else if (c == CustomFunctions.QUARTIC) {
            double d = a - y;
            return d * d * d * d / 4;
        }
        throw new IllegalArgumentException("the oracle has no double form of cost " + c.id());
    }

    /**
     * BP1 for one neuron: ∂C/∂a · σ′(z), except for the two pairs whose product the book
     * simplifies to a − y (cross-entropy with sigmoid, Eq. 66; log-likelihood with softmax), which
     * an engine must use too: the unsimplified product loses all precision as a → 1.
     */
    static double outputError(Cost c, Activation f, double a, double y, double z) {
        if (c == Costs.CROSS_ENTROPY && f == Activations.SIGMOID || c == Costs.LOG_LIKELIHOOD && f == Activations.SOFTMAX) {
            return a - y;
        }
        double gradient;
        if (c == Costs.QUADRATIC) {
            gradient = a - y;
        } else if (c == Costs.CROSS_ENTROPY) {
            gradient = (a - y) / (a * (1 - a));
        } else if (c == Costs.LOG_LIKELIHOOD) {
            gradient = -y / a;
        } else if (c == CustomFunctions.QUARTIC) {
            gradient = (a - y) * (a - y) * (a - y);
        } else {
            throw new IllegalArgumentException("the oracle has no double form of BP1 for cost " + c.id());
        }
        return gradient * sigmaPrime(f, z);
    }

    /** Whether BP1 of the pair is the simplified a − y. */
    static boolean simplifies(Cost c, Activation f) {
        return c == Costs.CROSS_ENTROPY && f == Activations.SIGMOID || c == Costs.LOG_LIKELIHOOD && f == Activations.SOFTMAX;
    }
}
