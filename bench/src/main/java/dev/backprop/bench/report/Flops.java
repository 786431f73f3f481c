package dev.backprop.bench.report;

/**
 * Floating-point operations of the matrix products of one gradient, to turn times into GFLOP/s
 * and compare them with the machine's measured FMA peak. Per layer of fan-in n_in and width
 * n_out, a batch of m examples needs an m × n_in × n_out product for the feedforward (Eq. 25)
 * and one for BP4, and one for BP2 in every layer but the first (no error flows into the
 * input). Two operations per multiply–add; the element-wise work (σ, σ′, BP1, BP3) is left out,
 * so the figure is a floor of the work done.
 */
public final class Flops {
    private Flops() {
    }

    /** Shapes are written "784x30x10". */
    public static double gradient(String shape, int batch) {
        String[] parts = shape.split("x");
        double flops = 0;
        for (int l = 1; l < parts.length; l++) {
            double product = 2.0 * batch * Integer.parseInt(parts[l - 1]) * Integer.parseInt(parts[l]);
            flops += product * (l == 1 ? 2 : 3);
        }
        return flops;
    }

    /** One m × in × out product of a single SPI operation on a layer written "784x100". */
    public static double product(String layer, int batch) {
        String[] parts = layer.split("x");
        return 2.0 * batch * Integer.parseInt(parts[0]) * Integer.parseInt(parts[1]);
    }
}
