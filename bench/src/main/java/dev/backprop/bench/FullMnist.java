package dev.backprop.bench;

import dev.backprop.data.Dataset;
import dev.backprop.data.Mnist;

import java.util.Arrays;

/**
 * Recognises the full MNIST, the data the book's figures are about, by its label counts: the
 * published per-digit counts of the 60,000 training and 10,000 test images. Fashion-MNIST has
 * the same sizes but exactly 6,000 and 1,000 of each class, so it does not match, and neither
 * does any subset.
 */
final class FullMnist {
    private static final int[] TRAINING = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
    private static final int[] TEST = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

    /** The book trains on the first 50,000 training images and keeps the last 10,000 for validation. */
    static final int BOOK_TRAINING_SIZE = 50_000;

    private FullMnist() {
    }

    static boolean matches(Mnist.Split data) {
        return counts(data.training(), TRAINING) && counts(data.test(), TEST);
    }

    private static boolean counts(Dataset data, int[] expected) {
        if (!data.hasLabels() || data.outputWidth() != expected.length) {
            return false;
        }
        int[] seen = new int[expected.length];
        for (int i = 0; i < data.size(); i++) {
            seen[data.label(i)]++;
        }
        return Arrays.equals(seen, expected);
    }
}
