/**
 * Data-parallel training on Apache Spark: {@link dev.backprop.spark.SparkTrainer} trains a
 * backprop network on the examples of a {@code JavaRDD<Example>} or a Spark ML style
 * {@code Dataset<Row>}, each executor computing with an engine it finds through
 * {@link dev.backprop.Engines} (opened once per executor JVM and task slot, closed at shutdown),
 * the driver owning the order ({@link dev.backprop.TrainingOrder}) and the step. The split is
 * Spark MLlib's {@code GradientDescent}'s: executors only compute (a gradient or parameters, a
 * cost, a count); the driver combines, in partition order, and steps.
 *
 * <p>Two modes ({@link dev.backprop.spark.Mode}): one global mini-batch step per round, or k local
 * steps per partition and averaging of the parameters and the optimiser's state. The step is
 * {@link dev.backprop.Trainer}'s, with any {@link dev.backprop.Optimizer}, L2 and L1, dropout, a
 * schedule of η and a warm-up. Both modes equal local training bit for bit on one partition.
 * The costs, and when to use which: docs/distributed.md.
 *
 * <p>This module uses {@code backprop-api} only; it never names an engine, and nothing depends on
 * it. Spark (core, SQL, MLlib) is a {@code provided} dependency.
 *
 * <p>Not here: asynchronous or parameter-server training, model parallelism, tree reductions
 * (the driver combines every partition's result itself), validation data, early stopping and the
 * halving schedule (nothing watches a metric), checkpoints and resuming, data that does not fit
 * the executors' memory as float arrays.
 */
package dev.backprop.spark;
