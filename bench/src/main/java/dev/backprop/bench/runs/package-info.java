/**
 * The run-level suite ({@link dev.backprop.bench.runs.RunSuite}): whole processes, timed from
 * outside and taking turns with the Python peers' whole processes: the time to a trained model,
 * a cold start to the first gradient and prediction, and training beside a busy neighbour.
 */
package dev.backprop.bench.runs;
