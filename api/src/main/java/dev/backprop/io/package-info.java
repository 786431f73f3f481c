/**
 * Model files: a {@link dev.backprop.Network} and its {@link dev.backprop.Parameters} as an
 * .npz, the zip of .npy arrays that numpy's {@code np.savez} writes and {@code np.load} reads
 * ({@link dev.backprop.io.ModelFile}); the same with a table model's schema
 * ({@link dev.backprop.io.TabularModelFile}); and ONNX, for ONNX Runtime and other frameworks
 * ({@link dev.backprop.io.Onnx}). Every writer replaces its file atomically; every reader checks
 * what it reads before trusting a size or a value from the file.
 *
 * <pre>{@code
 * ModelFile.save(network, parameters, Path.of("mnist.npz"));
 * ModelFile.Loaded model = ModelFile.load(Path.of("mnist.npz"));
 * }</pre>
 * and in Python:
 * <pre>{@code
 * d = np.load("mnist.npz")
 * a = x                                   # a column of 784 inputs
 * for l in range(2, len(d["sizes"]) + 1):
 *     a = sigmoid(d[f"w{l}"] @ a + d[f"b{l}"][:, None])
 * }</pre>
 *
 * <h2>Layout (format 1)</h2>
 * Layers are numbered as in the book: the input is layer 1, the output layer L. Every array is
 * little-endian and C (row-major) order; each is the zip entry {@code <key>.npy}.
 * <table>
 *   <caption>The arrays of a model file</caption>
 *   <tr><th>key</th><th>dtype</th><th>shape</th><th>holds</th></tr>
 *   <tr><td>{@code format}</td><td>{@code <i4}</td><td>{@code ()}</td><td>the layout version, 1</td></tr>
 *   <tr><td>{@code sizes}</td><td>{@code <i4}</td><td>{@code (L,)}</td><td>the width of every layer, the input first:
 *       the book's {@code sizes}</td></tr>
 *   <tr><td>{@code activations}</td><td>{@code <U}<i>n</i></td><td>{@code (L-1,)}</td><td>the built-in activation id of
 *       layers 2 … L, such as {@code "sigmoid"}</td></tr>
 *   <tr><td>{@code cost}</td><td>{@code <U}<i>n</i></td><td>{@code ()}</td><td>the built-in cost id, such as
 *       {@code "quadratic"}</td></tr>
 *   <tr><td>{@code w}<i>l</i></td><td>{@code <f4}</td><td>{@code (sizes[l-1], sizes[l-2])}</td><td>the weights into layer
 *       <i>l</i> = 2 … L, out × in: row j holds the weights into neuron j</td></tr>
 *   <tr><td>{@code b}<i>l</i></td><td>{@code <f4}</td><td>{@code (sizes[l-1],)}</td><td>the biases of layer <i>l</i></td></tr>
 * </table>
 *
 * <p>The loader checks every array's dtype and shape against {@code sizes} on its header before
 * reading its data, checks every zip entry's CRC-32 and length against the zip's directory (so a
 * flipped bit never loads as a different weight), rejects NaN and infinity, and never trusts a
 * size from the file to allocate memory: what it allocates is bounded by bytes present and checked
 * against the heap first. numpy's default dtypes load too: int64 {@code sizes} and float64 arrays
 * are converted with a range check. Other keys are ignored,
 * except {@code w}<i>l</i> or {@code b}<i>l</i> for a layer {@code sizes} does not have.
 * Saving replaces the file atomically and refuses non-finite parameters.
 *
 * <h2>Tabular model files</h2>
 * A network trained on a table ({@link dev.backprop.data.TabularSchema}) is saved by
 * {@link dev.backprop.io.TabularModelFile} as the same .npz with a few more arrays: the feature
 * names, the feature scaling's centres and divisors, and the class names or the target scaling
 * (the table is on {@code TabularModelFile}). {@code ModelFile.load} reads such a file and
 * ignores them; {@code TabularModelFile.load} reads a plain model file and returns no schema.
 *
 * <pre>{@code
 * TabularModelFile.save(network, parameters, schema, Path.of("iris.npz"));
 * TabularModelFile.Loaded model = TabularModelFile.load(Path.of("iris.npz"));
 * }</pre>
 *
 * <h2>ONNX</h2>
 * {@link dev.backprop.io.Onnx} writes opset 13 with no dependency (a small protobuf writer of
 * this package and the field numbers of onnx/onnx's {@code onnx.proto3}): a Gemm and an
 * activation per layer and, with a schema, the scaling as Sub and Div nodes and the names as
 * metadata, so ONNX Runtime takes raw rows. It reads the same family back from any exporter
 * (PyTorch's {@code nn.Linear} chains included); any other operator is an
 * {@link dev.backprop.io.OnnxFormatException} naming the node and its byte offset.
 *
 * <pre>{@code
 * Onnx.write(network, parameters, schema, Path.of("iris.onnx"));
 * TabularModelFile.Loaded back = Onnx.read(Path.of("iris.onnx"));
 * }</pre>
 *
 * <h2>Not supported</h2>
 * <ul>
 *   <li>Pickled objects ({@code allow_pickle}): nothing in a model file is executed or evaluated.
 *   <li>Custom {@link dev.backprop.Activation}s or {@link dev.backprop.Cost}s: a file stores ids,
 *       and only built-ins can be recreated from an id, so saving a network with a custom one is
 *       refused.
 *   <li>Other dtypes (float16, big-endian, bytes, objects), Fortran-order matrices, arrays of rank
 *       above 2, and .npy format version 3.0. Convert in numpy first: {@code a.astype(np.float32)}.
 *   <li>ONNX graphs other than a chain of fully connected layers (convolutions, reshapes,
 *       branches), operators of other domains, default-domain opsets before 7, sparse
 *       initializers, and ONNX files over 2 GiB.
 * </ul>
 */
package dev.backprop.io;
