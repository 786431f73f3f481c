package dev.backprop.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads MNIST, or any data set in its layout such as Fashion-MNIST, from the four IDX files of a
 * directory into {@link Dataset}s of 784 inputs in [0, 1] and 10 classes.
 *
 * <pre>{@code
 * Mnist.Split mnist = Mnist.load(Path.of("data/mnist10k"));
 * Dataset training = mnist.training();        // 8000 examples, 784 → 10
 * Dataset test = mnist.test();                // 2000 examples
 * }</pre>
 *
 * <p>The directory holds {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or with a
 * {@code .gz} suffix: the names of the original distribution, of
 * {@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist}) and of the
 * bundled {@code data/mnist10k}. Either everything loads and checks out or an exception is thrown;
 * no half-loaded data set is returned.
 */
public final class Mnist {
    /** MNIST's classes: the digits 0 to 9. */
    public static final int CLASSES = 10;

    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private Mnist() {
    }

    /**
     * The training and the test set of a directory.
     *
     * @param training the examples of the {@code train-} files
     * @param test     the examples of the {@code t10k-} files
     */
    public record Split(Dataset training, Dataset test) {
        /** Rejects a missing set. */
        public Split {
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(test, "test");
        }
    }

    /**
     * Loads the four MNIST files of {@code directory} (each plain or gzip, the plain one first if
     * both are there) with 10 classes.
     *
     * @param directory the directory holding the four files
     * @return its training and test sets
     * @throws NoSuchFileException if the directory or one of the files is missing; the message
     *                             names the file names looked for
     * @throws IdxFormatException  if a file is damaged, the counts of a pair differ or a label is
     *                             not 0 to 9
     * @throws IOException         if the training and test images differ in size, or on a read error
     */
    public static Split load(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        if (!Files.exists(directory)) {
            throw new NoSuchFileException(directory.toString(), null,
                    "no such directory; expected a directory holding " + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", "
                            + TEST_IMAGES + " and " + TEST_LABELS + " (each optionally .gz)");
        }
        if (!Files.isDirectory(directory)) {
            throw new NotDirectoryException(directory.toString());
        }
        Path trainImages = find(directory, TRAIN_IMAGES, "training images");
        Path trainLabels = find(directory, TRAIN_LABELS, "training labels");
        Path testImages = find(directory, TEST_IMAGES, "test images");
        Path testLabels = find(directory, TEST_LABELS, "test labels");
        Dataset training = loadPair(trainImages, trainLabels, CLASSES);
        Dataset test = loadPair(testImages, testLabels, CLASSES);
        if (training.inputWidth() != test.inputWidth()) {
            throw new IOException(testImages + ": expected images of " + training.inputWidth() + " pixels like "
                    + trainImages + ", got " + test.inputWidth() + "; the training and test files come from"
                    + " different data sets");
        }
        return new Split(training, test);
    }

    /**
     * Loads one image file and its label file into a classification data set: the image's pixels,
     * scaled to [0, 1], are the inputs, and label k becomes the one-hot target e_k.
     *
     * <pre>{@code
     * Dataset test = Mnist.loadPair(dir.resolve("t10k-images-idx3-ubyte.gz"),
     *                               dir.resolve("t10k-labels-idx1-ubyte.gz"), Mnist.CLASSES);
     * }</pre>
     *
     * @param images  an IDX3 image file, plain or gzip
     * @param labels  the IDX1 label file with one label per image, plain or gzip
     * @param classes the number of classes, 1 to 256; every label must be below it
     * @return the examples, {@code rows × cols} inputs and {@code classes} outputs each
     * @throws IdxFormatException if a file is damaged, the two counts differ, or a label is
     *                            {@code classes} or more (with the label's offset)
     */
    public static Dataset loadPair(Path images, Path labels, int classes) throws IOException {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if (classes < 1 || classes > 256) {
            throw new IllegalArgumentException("classes must be 1 to 256 (a label is one unsigned byte), got " + classes);
        }
        Idx.Images pixels = Idx.readImages(images);
        IdxReader.Content labelContent = Idx.readLabelContent(labels);
        int[] values = Idx.toInts(labelContent.data());
        if (values.length != pixels.count()) {
            throw new IdxFormatException(labels, 4, labelContent.gzip(), "header declares " + values.length
                    + " labels, but " + images + " declares " + pixels.count() + " images; expected one label per"
                    + " image (are the two files from the same set?)", null);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= classes) {
                throw new IdxFormatException(labels, labelContent.dataOffset() + (long) i, labelContent.gzip(),
                        "expected a label from 0 to " + (classes - 1) + ", got " + values[i] + " (label of example "
                                + i + ")", null);
            }
        }
        return Dataset.classificationOwning(pixels.pixels(), pixels.imageSize(), values, classes);
    }

    // The plain file first: it reads faster, and `gunzip -k` leaves both with the same content.
    private static Path find(Path directory, String name, String what) throws NoSuchFileException {
        Path plain = directory.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gzip = directory.resolve(name + ".gz");
        if (Files.isRegularFile(gzip)) {
            return gzip;
        }
        throw new NoSuchFileException(directory.toString(), null,
                "no MNIST " + what + ": expected " + name + " or " + name + ".gz in this directory");
    }
}
