package dev.backprop.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a magic number {@code 0x000008nn}
 * (unsigned bytes, nn dimensions), nn big-endian int32 sizes, then the bytes. A file may be gzip
 * compressed; that is recognised by its first two bytes (0x1f 0x8b), not by its name.
 *
 * <pre>{@code
 * Idx.Images images = Idx.readImages(Path.of("train-images-idx3-ubyte.gz"));
 * int[] labels = Idx.readLabels(Path.of("train-labels-idx1-ubyte.gz"));
 * float firstPixel = images.pixels()[0];          // in [0, 1]
 * }</pre>
 *
 * <p>Every header field and the payload length are checked; a problem is an
 * {@link IdxFormatException} that names the file, the offset and what was expected. A header is
 * never trusted for an allocation: a short file that declares gigabytes fails as truncated.
 *
 * <p>Internal: {@link Mnist} is the public way in.
 *
 * @see Mnist Mnist, to load a directory of MNIST files into data sets
 */
final class Idx {
    private Idx() {
    }

    /**
     * The images of an IDX3 file: {@code count} images of {@code rows × cols} pixels, row by row,
     * image after image, each pixel byte {@code v} scaled to {@code v / 255f} in [0, 1] (as the
     * book's {@code mnist_loader} does). The array is the record's own, not a copy.
     *
     * @param count  the number of images, 0 or more
     * @param rows   pixel rows per image, at least 1
     * @param cols   pixel columns per image, at least 1
     * @param pixels {@code count × rows × cols} values in [0, 1]
     */
    record Images(int count, int rows, int cols, float[] pixels) {
        /** Checks that {@code pixels} holds exactly {@code count × rows × cols} values. */
        Images {
            Objects.requireNonNull(pixels, "pixels");
            if (count < 0 || rows < 1 || cols < 1 || (long) count * rows * cols != pixels.length) {
                throw new IllegalArgumentException("expected " + count + " × " + rows + " × " + cols
                        + " pixels with count ≥ 0 and rows, cols ≥ 1, got " + pixels.length + " pixels");
            }
        }

        /**
         * Pixels per image.
         *
         * @return {@code rows × cols}: the input width of a network that reads these images
         */
        public int imageSize() {
            return rows * cols;
        }
    }

    /**
     * Reads an image file (magic {@code 0x00000803}: count, rows, cols, then the pixel bytes).
     *
     * @param file an IDX3 file of unsigned bytes, plain or gzip
     * @return the images, pixels scaled to [0, 1]
     * @throws IdxFormatException if the file is not such a file, is cut short or has bytes after
     *                            the declared pixels
     * @throws IOException        if it cannot be read
     */
    static Images readImages(Path file) throws IOException {
        IdxReader.Content content = IdxReader.read(file, "pixels", Float.BYTES, "image count", "rows", "columns");
        byte[] bytes = content.data();
        float[] pixels = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            pixels[i] = (bytes[i] & 0xFF) / 255f;
        }
        int[] dims = content.dims();
        return new Images(dims[0], dims[1], dims[2], pixels);
    }

    /**
     * Reads a label file (magic {@code 0x00000801}: count, then one byte per label) and returns the
     * labels as they are, 0 to 255; whether they fit a data set's classes is for the caller to check
     * ({@link Mnist#loadPair} does).
     *
     * @param file an IDX1 file of unsigned bytes, plain or gzip
     * @return one value, 0 to 255, per label
     * @throws IdxFormatException if the file is not such a file, is cut short or has bytes after
     *                            the declared labels
     * @throws IOException        if it cannot be read
     */
    static int[] readLabels(Path file) throws IOException {
        return toInts(readLabelContent(file).data());
    }

    // Mnist needs the raw content too: the offset of a bad label depends on the header and on gzip.
    static IdxReader.Content readLabelContent(Path file) throws IOException {
        return IdxReader.read(file, "labels", Integer.BYTES, "label count");
    }

    static int[] toInts(byte[] bytes) {
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return values;
    }
}
