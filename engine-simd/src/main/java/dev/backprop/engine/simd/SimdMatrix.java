package dev.backprop.engine.simd;

import dev.backprop.spi.Matrix;

/**
 * A matrix of the SIMD engine: a row-major float[] on the Java heap. Plain arrays (not memory
 * segments) because the kernels read them with {@code FloatVector.fromArray}, which C2 compiles
 * to aligned-enough vector loads with its bounds checks hoisted out of counted loops.
 */
final class SimdMatrix implements Matrix {
    final SimdEngine owner;
    final int rows;
    final int cols;
    final float[] data;

    SimdMatrix(SimdEngine owner, int rows, int cols) {
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
        this.data = new float[rows * cols];
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public String toString() {
        return "simd matrix " + shape();
    }
}
