/**
 * The engine SPI: what a new backend implements. An {@link dev.backprop.spi.EngineProvider}
 * (listed in {@code META-INF/services}) opens an {@link dev.backprop.spi.Engine}, which owns its
 * {@link dev.backprop.spi.Matrix} buffers and computes one equation per method. Share the
 * argument checks in {@link dev.backprop.spi.Checks} so every engine refuses the same mistakes
 * with the same words.
 *
 * <p>Not here: the order of the algorithm (that is {@link dev.backprop.Backpropagation}), data
 * loading, or anything an engine would need to know about other engines.
 */
package dev.backprop.spi;
