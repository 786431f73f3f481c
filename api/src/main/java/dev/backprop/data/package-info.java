/**
 * Data sets and the files they come from: images (IDX, the format of MNIST) and tables (CSV or
 * TSV), with the scaling and splits a table needs before training.
 *
 * <p>{@link dev.backprop.data.Dataset} holds examples, inputs and targets, in memory: what the
 * trainer and predictor take.
 *
 * <p><b>Images.</b> {@link dev.backprop.data.Mnist} reads IDX files, plain or gzip: a directory
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
 * <p><b>Tables.</b> {@link dev.backprop.data.Csv} reads a CSV or TSV file (RFC 4180, plain or
 * gzip, UTF-8) into a {@link dev.backprop.data.TabularData}: raw feature values by column name
 * and class labels or numeric targets. {@link dev.backprop.data.Split} cuts it into training,
 * validation and test rows, seeded and stratified by class;
 * {@link dev.backprop.data.FeatureScaling} is fitted on the training rows only (standardising or
 * min–max); {@link dev.backprop.data.TabularSchema} gathers what a model needs to take raw rows
 * again later (feature names and order, scaling, classes or target scaling), and makes the
 * {@code Dataset}s. A bad cell is a {@link dev.backprop.data.CsvFormatException} naming the file,
 * line and column; a table that cannot fit the heap is refused early with a
 * {@link dev.backprop.data.DataTooLargeException} that says which {@code -Xmx} would do.
 *
 * <pre>{@code
 * TabularData iris = Csv.classification("species").read(Path.of("data/iris/iris.csv"));
 * Split split = Split.stratified(iris.labels(), 0.2, 0.0, 42);       // 80 % / 20 %
 * TabularData train = iris.select(split.training());
 * TabularSchema schema = TabularSchema.fit(train, FeatureScaling.Kind.STANDARDIZE);
 * Dataset training = schema.dataset(train);
 * Dataset test = schema.dataset(iris.select(split.test()));           // scaled as training was
 * }</pre>
 * A trained table model is saved with {@link dev.backprop.io.TabularModelFile} or exported with
 * {@link dev.backprop.io.Onnx}, and run on raw rows by {@link dev.backprop.TabularModel}.
 *
 * <p>Not here, on purpose: shuffling and mini-batches for training (the trainer makes them from a
 * {@code Dataset}, so that its seed decides the order; {@code Split} only decides which rows are
 * held out); filling in missing values or encoding text features (a table's features must be
 * numbers: ignore a text column or encode it before reading); decoding image formats such as PNG;
 * downloading data sets (a library should not reach the network behind its user's back; fetch
 * the files yourself, or use the bundled {@code data/mnist10k}, {@code data/iris} and
 * {@code data/penguins}).
 */
package dev.backprop.data;
