package dev.backprop.engine.ref;

import dev.backprop.spi.Matrix;

/** A matrix of the reference engine: a row-major float[] on the Java heap. */
final class RefMatrix implements Matrix {
    final RefEngine owner;
    final int rows;
    final int cols;
    final float[] data;

    RefMatrix(RefEngine owner, int rows, int cols) {
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
        return "ref matrix " + shape();
    }
}
