/**
 * Data sets and the files they come from.
 *
 * <p>{@link dev.backprop.data.Dataset} holds examples, inputs and targets, in memory.
 * {@link dev.backprop.data.Mnist} reads IDX files, the format of MNIST, plain or gzip: a directory
 * of the four files into a training and a test set, or one image file and its label file with
 * {@link dev.backprop.data.Mnist#loadPair}. Every header field is checked before it is trusted,
 * and what a header declares must fit the heap before anything is allocated
 * ({@link dev.backprop.data.IdxFormatException} names the file and offset otherwise).
 *
 * <pre>{@code
 * Mnist.Split mnist = Mnist.load(Path.of("data/mnist10k"));
 * System.out.println(mnist.training());      // Dataset[8000 examples, 784 → 10, labelled]
 * }</pre>
 *
 * <p>Not here, on purpose: shuffling and mini-batches (the trainer makes them from a
 * {@code Dataset}, so that its seed decides the order); decoding image formats such as PNG;
 * downloading data sets (a library should not reach the network behind its user's back; fetch
 * the files yourself, or use the bundled {@code data/mnist10k}).
 */
package dev.backprop.data;
