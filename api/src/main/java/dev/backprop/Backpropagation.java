package dev.backprop;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one generic algorithm of chapter 2, written once: feedforward through every layer (Eq. 25),
 * the output error (BP1), the error backwards (BP2), the gradients (BP3, BP4) and the step of an
 * {@link Optimizer} (plain SGD unless {@link #setOptimizer} chose another), with chapter 3's
 * regularisation and dropout. An {@link Engine} does the arithmetic; this class only orders the
 * calls and owns the buffers, the optimiser's state among them.
 *
 * <pre>{@code
 * try (Engine engine = Engines.open();
 *      Backpropagation bp = Backpropagation.open(engine, parameters.network())) {
 *     bp.setParameters(parameters);
 *     bp.feedforward(x, 0, m);          // m examples, row after row
 *     bp.setTargets(y, 0);
 *     bp.backpropagate();               // BP1–BP4: gradients of the mean cost stay in the engine
 *     bp.update(3.0f, 0f);              // w → w − η ∂C/∂w
 * }
 * }</pre>
 *
 * <p>Another optimiser, L1 and dropout (masks from the caller's seeded generator, as data):
 *
 * <pre>{@code
 * bp.setOptimizer(Optimizer.adam());                 // its state: zeros in the engine
 * bp.feedforward(x, 0, m, masks);                    // masks[l]: 0 or 1/(1 − p) per hidden neuron
 * bp.setTargets(y, 0);
 * bp.step(0.001, new Regularization(0, 1e-4 * n, n)); // BP1–BP4, L1's gradient, Adam's step
 * }</pre>
 *
 * <p>A driver that sums gradients elsewhere (data-parallel training) hands the sum in and lets
 * the session's optimiser step with it, its state staying here:
 * {@code bp.setGradient(sum); bp.update(eta, regularization);}.
 *
 * <p>Layer indices here count from 0 for the first layer after the input (the book's layer 2).
 * Parameters and gradients stay in the engine between calls; per mini-batch only x and y go in.
 * Buffers for each batch size are allocated on first use and reused after that, so the steady
 * state of training allocates nothing.
 *
 * <p>Not thread-safe, like the {@link Engine} it drives: one thread at a time.
 */
public final class Backpropagation implements AutoCloseable {
    private final Engine engine;
    private final Network network;
    private final int depth;
    private final Matrix[] weights;
    private final Matrix[] biases;
    private final Matrix[] weightGradients;
    private final Matrix[] biasGradients;
    /** One per batch size seen: few (a trainer uses two, a predictor one per power of two), so a list. */
    private final List<Batch> batches = new ArrayList<>();
    private Batch current;
    private boolean targetsSet;
    /** False after {@link #step}, whose fused weight update leaves no gradient behind. */
    private boolean gradientKept = true;
    /** Which hidden layers the last feedforward masked (dropout): BP2 masks their δ too. */
    private final boolean[] masked;
    private OptimizerSlots slots;
    private boolean closed;

    private Backpropagation(Engine engine, Network network) {
        this.engine = engine;
        this.network = network;
        this.depth = network.depth();
        weights = new Matrix[depth];
        biases = new Matrix[depth];
        weightGradients = new Matrix[depth];
        biasGradients = new Matrix[depth];
        for (int l = 0; l < depth; l++) {
            int out = network.layer(l).width();
            int in = network.fanIn(l);
            weights[l] = engine.allocate(out, in);
            biases[l] = engine.allocate(1, out);
            weightGradients[l] = engine.allocate(out, in);
            biasGradients[l] = engine.allocate(1, out);
        }
        masked = new boolean[depth];
        slots = OptimizerSlots.allocate(engine, network, Optimizer.sgd());
    }

    /**
     * Prepares {@code engine} to train or run {@code network}: allocates W, b, ∂C/∂W and ∂C/∂b of
     * every layer in the engine (their contents are unspecified until {@link #setParameters}).
     * The engine stays the caller's to close, and must not be used by another thread while this
     * object is in use.
     *
     * @param engine an open engine
     * @param network the architecture to compute
     * @return a new object bound to that engine and network
     * @throws IllegalArgumentException if the engine cannot compute one of the network's
     *     activations or its cost (a custom one it does not support)
     */
    public static Backpropagation open(Engine engine, Network network) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(network, "network");
        for (int l = 0; l < network.depth(); l++) {
            Activation f = network.layer(l).activation();
            if (!engine.supports(f)) {
                throw new IllegalArgumentException("engine " + engine.name() + " cannot compute activation '" + f.id()
                        + "' of layer " + (l + 2) + "; use an engine that runs custom activations, such as ref "
                        + "(-Dbackprop.engine=ref)");
            }
        }
        if (!engine.supports(network.cost())) {
            throw new IllegalArgumentException("engine " + engine.name() + " cannot compute cost '" + network.cost().id()
                    + "'; use an engine that runs custom costs, such as ref (-Dbackprop.engine=ref)");
        }
        return new Backpropagation(engine, network);
    }

    /**
     * The architecture this object computes.
     *
     * @return the network given to {@link #open}
     */
    public Network network() {
        return network;
    }

    /**
     * The engine that does the arithmetic.
     *
     * @return the engine given to {@link #open}, still the caller's to close
     */
    public Engine engine() {
        return engine;
    }

    /**
     * Copies {@code parameters} into the engine; later changes to {@code parameters} are not seen
     * until this is called again.
     *
     * @param parameters weights and biases of this object's network
     * @throws IllegalArgumentException if they belong to a different network
     * @throws IllegalStateException if this object is closed
     */
    public void setParameters(Parameters parameters) {
        checkOpen();
        requireNetwork(parameters);
        for (int l = 0; l < depth; l++) {
            engine.write(weights[l], parameters.weights(l));
            engine.write(biases[l], parameters.biases(l));
        }
    }

    /**
     * Copies the engine's current parameters into {@code destination}: how trained values leave
     * the engine.
     *
     * @param destination parameters of this object's network, overwritten (for example
     *     {@code Parameters.zeros(bp.network())})
     * @throws IllegalArgumentException if {@code destination} belongs to a different network
     * @throws IllegalStateException if this object is closed
     */
    public void getParameters(Parameters destination) {
        checkOpen();
        requireNetwork(destination);
        for (int l = 0; l < depth; l++) {
            engine.read(weights[l], destination.weights(l));
            engine.read(biases[l], destination.biases(l));
        }
    }

    /**
     * Copies the gradient of the mean cost from the last {@link #backpropagate()} into
     * {@code destination}: ∂C/∂w into its weights and ∂C/∂b into its biases.
     *
     * @param destination parameters of this object's network, overwritten with the gradient
     *     (same shapes as W and b)
     * @throws IllegalArgumentException if {@code destination} belongs to a different network
     * @throws IllegalStateException if this object is closed, or the last gradient call was
     *     {@link #step}, which keeps no weight gradient
     */
    public void getGradient(Parameters destination) {
        checkOpen();
        checkGradientKept("getGradient");
        requireNetwork(destination);
        for (int l = 0; l < depth; l++) {
            engine.read(weightGradients[l], destination.weights(l));
            engine.read(biasGradients[l], destination.biases(l));
        }
    }

    /**
     * Feeds {@code rows} examples forward: x is read from {@code inputs[offset…]}, row after row.
     * Afterwards {@link #readOutput} gives a^L for each of them. The targets of an earlier batch
     * are forgotten: {@link #setTargets} must follow before {@link #cost}, {@link #backpropagate}
     * or {@link #step}. Inputs are not checked for NaN here ({@link Predictor} does).
     *
     * @param inputs the examples, {@code rows × network().inputWidth()} floats from
     *     {@code offset} on; copied into the engine, so the array may change afterwards
     * @param offset the index of the first example's first input
     * @param rows m, the number of examples, at least 1; buffers for each new m are allocated
     *     once and kept
     * @throws IllegalArgumentException if {@code rows} is below 1 or {@code inputs} holds fewer
     *     than {@code rows} examples from {@code offset} on
     * @throws IllegalStateException if this object is closed
     */
    public void feedforward(float[] inputs, int offset, int rows) {
        feedforward(inputs, offset, rows, null);
    }

    /**
     * {@link #feedforward(float[], int, int)} with dropout on hidden layers: after Eq. 25 of hidden
     * layer l, a^l ← a^l ⊙ r^l with r^l = {@code dropoutMasks[l]}, and the next
     * {@link #backpropagate()} or {@link #step} masks that layer's δ^l after BP2 with the same
     * r^l (a dropped neuron neither fires nor passes error back). The masks are data: the caller
     * draws them from its seeded generator (0 for a dropped neuron, 1/(1 − p) for a kept one, so
     * the expected activation is unchanged and the full network runs at test time), and every
     * engine gives the same bits.
     *
     * @param inputs as for {@link #feedforward(float[], int, int)}
     * @param offset as for {@link #feedforward(float[], int, int)}
     * @param rows as for {@link #feedforward(float[], int, int)}
     * @param dropoutMasks null for no dropout, else one entry per hidden layer
     *     ({@code network().depth() − 1}), each null (that layer is not masked) or at least
     *     {@code rows × width} floats, row after row (only those are read); copied into the engine
     * @throws IllegalArgumentException as the three-argument form, or if the masks do not fit
     *     the hidden layers (checked before anything is computed)
     * @throws IllegalStateException if this object is closed
     */
    public void feedforward(float[] inputs, int offset, int rows, float[][] dropoutMasks) {
        checkOpen();
        if (rows < 1) {
            throw new IllegalArgumentException("feedforward needs at least 1 example, got " + rows);
        }
        Dropout.checkMasks(network, dropoutMasks, rows);
        if (current == null || current.rows != rows) {
            current = batchOf(rows);
        }
        targetsSet = false;
        engine.write(current.activations[0], inputs, offset);
        for (int l = 0; l < depth; l++) {
            // Eq. 25: z^l = w^l a^{l−1} + b^l, a^l = σ(z^l).
            engine.feedforward(weights[l], biases[l], current.activations[l], current.weightedInputs[l],
                    current.activations[l + 1], network.layer(l).activation());
            masked[l] = dropoutMasks != null && l < depth - 1 && dropoutMasks[l] != null;
            if (masked[l]) {
                Matrix mask = current.mask(engine, network, l);
                engine.write(mask, dropoutMasks[l], 0);
                // Dropout: a^l ← a^l ⊙ r^l, the neurons dropped for this mini-batch set to 0.
                engine.dropout(current.activations[l + 1], mask);
            }
        }
    }

    /**
     * Copies the output a^L of the last {@link #feedforward} into {@code dst[offset…]}.
     *
     * @param dst receives m × {@code network().outputWidth()} floats, one example's outputs after
     *     another; nothing outside them is written
     * @param offset where the first example's first output goes
     * @throws IllegalArgumentException if {@code dst} has too little room from {@code offset} on
     * @throws IllegalStateException if nothing was fed forward yet, or this object is closed
     */
    public void readOutput(float[] dst, int offset) {
        engine.read(current().activations[depth], dst, offset);
    }

    /**
     * Sets the targets y of the examples last fed forward, read from {@code targets[offset…]}.
     *
     * @param targets m × {@code network().outputWidth()} floats from {@code offset} on, in the
     *     order of the examples fed forward; copied into the engine
     * @param offset the index of the first example's first target
     * @throws IllegalArgumentException if {@code targets} has too few values from {@code offset} on
     * @throws IllegalStateException if nothing was fed forward yet, or this object is closed
     */
    public void setTargets(float[] targets, int offset) {
        engine.write(current().targets, targets, offset);
        targetsSet = true;
    }

    /**
     * The mean cost C = (1/m) Σ_x C_x of the last batch, without any L2 term. On a device
     * engine this waits for the results, so the trainer asks once per epoch.
     *
     * @return the cost of the examples last fed forward against their targets, in double
     * @throws IllegalStateException if no targets were set since the last {@link #feedforward},
     *     or this object is closed
     */
    public double cost() {
        Batch batch = currentWithTargets("cost");
        return engine.cost(network.cost(), batch.activations[depth], batch.targets);
    }

    /**
     * Computes the gradient of the mean cost of the last batch (BP1–BP4); it stays in the engine
     * for {@link #update} or {@link #getGradient}. The parameters do not change.
     *
     * @throws IllegalStateException if no targets were set since the last {@link #feedforward},
     *     or this object is closed
     */
    public void backpropagate() {
        gradients(currentWithTargets("backpropagate"), false, 0f, 0f);
    }

    /**
     * {@link #backpropagate()} and {@link #update} in one, with the same parameters afterwards:
     * each layer's weight gradient goes to the engine together with its update
     * ({@link Engine#weightGradientAndUpdate}), so an engine can apply it while it is in registers
     * instead of storing it and passing over W once more. The weight gradient is not kept:
     * {@link #getGradient} and {@link #update} refuse until the next {@link #backpropagate()}.
     * This is the step {@link Trainer} takes.
     *
     * @param eta the learning rate η
     * @param decay ηλ/n for L2 regularisation, 0 without it
     * @throws IllegalArgumentException if {@code eta} or {@code decay} is NaN or infinite, before
     *     any parameter moves
     * @throws IllegalStateException if no targets were set since the last {@link #feedforward},
     *     or this object is closed
     */
    public void step(float eta, float decay) {
        Batch batch = currentWithTargets("step");
        if (!Float.isFinite(eta) || !Float.isFinite(decay)) {
            // Refused before any layer moves: the engine would only see them at its first update.
            throw new IllegalArgumentException("step: eta and decay must be finite, got eta " + eta + ", decay " + decay);
        }
        requirePlainSgd("step(eta, decay)");
        gradients(batch, true, eta, decay);
    }

    /**
     * {@link #backpropagate()} and one step of the session's {@link Optimizer} in one: BP1–BP4,
     * then for each layer the regularised gradient and the rule's step, biases unpenalised. For
     * plain SGD without L1 this is exactly {@link #step(float, float)} with η and Eq. 93's
     * decay ηλ/n ({@link Regularization#decay}), fused with BP4; every other case computes the
     * weight gradient first (the L2 term (λ/n)·w and L1's (λ₁/n)·sgn(w) added to it, except
     * SGD's L2, which stays Eq. 93's decay). Like {@code step(eta, decay)}, it keeps no weight
     * gradient for {@link #getGradient}.
     *
     * @param eta η of this step, positive and finite (a schedule's value)
     * @param regularization the penalty; {@link Regularization#NONE} for none
     * @throws IllegalArgumentException if {@code eta} is not positive and finite, before any
     *     parameter moves
     * @throws IllegalStateException if no targets were set since the last {@link #feedforward},
     *     or this object is closed
     */
    public void step(double eta, Regularization regularization) {
        Batch batch = currentWithTargets("step");
        checkEta("step", eta);
        Objects.requireNonNull(regularization, "regularization");
        if (slots.optimizer.decaysInStep() && regularization.lambda1() == 0) {
            gradients(batch, true, (float) eta, regularization.decay(eta));
            return;
        }
        gradients(batch, false, 0f, 0f);
        update(eta, regularization);
    }

    /**
     * BP1 and BP2 for every layer, then BP3 and BP4 per layer; with {@code step}, each layer's
     * gradients are applied as soon as they exist (Eq. 93) and the weight gradient is not kept.
     */
    private void gradients(Batch batch, boolean step, float eta, float decay) {
        gradientKept = !step;
        // Every δ first: BP2 reads W^{l+1}, which must not have moved yet.
        errorsBackwards(batch);
        for (int l = 0; l < depth; l++) {
            // BP3: ∂C/∂b^l = δ^l.
            engine.biasGradient(batch.errors[l], biasGradients[l]);
            if (step) {
                // Eq. 93 for b: b → b − η ∂C/∂b (no decay for biases).
                engine.update(biases[l], biasGradients[l], eta, 0f);
                // BP4, then Eq. 93 for w: w → (1 − ηλ/n) w − η ∂C/∂w, fused where the engine can.
                engine.weightGradientAndUpdate(batch.errors[l], batch.activations[l], weightGradients[l], weights[l],
                        eta, decay);
            } else {
                // BP4: ∂C/∂w^l_jk = a^{l−1}_k δ^l_j.
                engine.weightGradient(batch.errors[l], batch.activations[l], weightGradients[l]);
            }
        }
        if (step) {
            slots.steps++;
        }
    }

    /** BP1 for the output layer, then BP2 down to the first hidden layer. */
    private void errorsBackwards(Batch batch) {
        int last = depth - 1;
        // BP1: δ^L = ∇_a C ⊙ σ′(z^L).
        engine.outputError(network.cost(), network.layer(last).activation(), batch.activations[depth],
                batch.weightedInputs[last], batch.targets, batch.errors[last]);
        for (int l = last - 1; l >= 0; l--) {
            // BP2: δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l), from layer L−1 down to the first hidden layer.
            engine.backpropagate(weights[l + 1], batch.errors[l + 1], batch.weightedInputs[l],
                    network.layer(l).activation(), batch.errors[l]);
            if (masked[l]) {
                // Dropout in BP2: δ^l ← δ^l ⊙ r^l, since ∂a^l/∂z^l = σ′(z^l) ⊙ r^l.
                engine.dropout(batch.errors[l], batch.masks[l]);
            }
        }
    }

    /**
     * One SGD step with the last gradient (Eq. 93): w → (1 − decay) w − η ∂C/∂w and b → b − η ∂C/∂b.
     *
     * @param eta the learning rate η
     * @param decay ηλ/n for L2 regularisation, 0 without it
     * @throws IllegalArgumentException if {@code eta} or {@code decay} is NaN or infinite
     * @throws IllegalStateException if the last gradient call was {@link #step}, which keeps no
     *     weight gradient, or this object is closed
     */
    public void update(float eta, float decay) {
        checkOpen();
        checkGradientKept("update");
        requirePlainSgd("update(eta, decay)");
        for (int l = 0; l < depth; l++) {
            engine.update(weights[l], weightGradients[l], eta, decay);
            engine.update(biases[l], biasGradients[l], eta, 0f);
        }
        slots.steps++;
    }

    /**
     * One step of the session's {@link Optimizer} with the gradient held (from
     * {@link #backpropagate()} or {@link #setGradient}): for each layer, the penalty's gradient
     * is added to ∂C/∂w (so the held gradient becomes the regularised one; for plain SGD only
     * L1's, its L2 being Eq. 93's decay), then the rule steps W and b with its state in the engine.
     * This is the call a data-parallel driver makes with a gradient summed elsewhere.
     *
     * @param eta η of this step, positive and finite
     * @param regularization the penalty; {@link Regularization#NONE} for none
     * @throws IllegalArgumentException if {@code eta} is not positive and finite
     * @throws IllegalStateException if the last gradient call was a step, which keeps no weight
     *     gradient, or this object is closed
     */
    public void update(double eta, Regularization regularization) {
        checkOpen();
        checkGradientKept("update");
        checkEta("update", eta);
        Objects.requireNonNull(regularization, "regularization");
        slots.step(engine, weights, weightGradients, biases, biasGradients, eta, regularization);
    }

    /**
     * Puts a gradient into the session, as if {@link #backpropagate()} had computed it, for
     * {@link #update(double, Regularization)}: a data-parallel driver's sum of partial gradients.
     *
     * @param gradient ∂C/∂w in its weights and ∂C/∂b in its biases, of this object's network
     * @throws IllegalArgumentException if {@code gradient} belongs to a different network
     * @throws IllegalStateException if this object is closed
     */
    public void setGradient(Parameters gradient) {
        checkOpen();
        requireNetwork(gradient);
        for (int l = 0; l < depth; l++) {
            engine.write(weightGradients[l], gradient.weights(l));
            engine.write(biasGradients[l], gradient.biases(l));
        }
        gradientKept = true;
    }

    /**
     * Chooses the rule that {@link #step(double, Regularization)} and
     * {@link #update(double, Regularization)} apply, and allocates its state in the engine (once
     * per weight matrix and bias vector), all zero, with the step count at 0. Plain SGD until
     * this is called.
     *
     * @param optimizer the rule
     * @throws IllegalStateException if this object is closed
     */
    public void setOptimizer(Optimizer optimizer) {
        checkOpen();
        slots = OptimizerSlots.allocate(engine, network, Objects.requireNonNull(optimizer, "optimizer"));
    }

    /**
     * The rule that steps apply.
     *
     * @return the last {@link #setOptimizer} argument, or {@link Optimizer#sgd()}
     */
    public Optimizer optimizer() {
        return slots.optimizer;
    }

    /**
     * Copies the optimiser's state out of the engine, for a checkpoint.
     *
     * @return the rule's id, the steps taken and every state matrix's values
     * @throws IllegalStateException if this object is closed
     */
    public OptimizerState optimizerState() {
        checkOpen();
        return slots.read(engine);
    }

    /**
     * Copies a saved optimiser state into the engine, so that the next step continues the run it
     * was saved from.
     *
     * @param state from {@link #optimizerState()} of a session of the same network and rule
     * @throws IllegalArgumentException if it is another rule's or its matrices do not fit, before
     *     anything is written
     * @throws IllegalStateException if this object is closed
     */
    public void setOptimizerState(OptimizerState state) {
        checkOpen();
        slots.write(engine, state);
    }

    private void requirePlainSgd(String call) {
        if (!slots.optimizer.decaysInStep()) {
            throw new IllegalStateException(call + " is plain SGD's step, and this session steps with "
                    + slots.optimizer + "; call step(eta, regularization) or update(eta, regularization)");
        }
    }

    private static void checkEta(String call, double eta) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException(call + ": the learning rate η must be positive and finite, got " + eta);
        }
    }

    /** The buffers for {@code rows} examples, made on first use; an indexed scan, so that nothing is boxed or iterated. */
    private Batch batchOf(int rows) {
        for (int i = 0; i < batches.size(); i++) {
            Batch batch = batches.get(i);
            if (batch.rows == rows) {
                return batch;
            }
        }
        Batch batch = new Batch(engine, network, rows);
        batches.add(batch);
        return batch;
    }

    /** Marks this object closed; the engine's buffers are freed when the engine is closed. */
    @Override
    public void close() {
        closed = true;
        batches.clear();
        current = null;
    }

    private Batch current() {
        checkOpen();
        if (current == null) {
            throw new IllegalStateException("no examples fed forward yet; call feedforward first");
        }
        return current;
    }

    private Batch currentWithTargets(String operation) {
        Batch batch = current();
        if (!targetsSet) {
            throw new IllegalStateException(operation + " needs the targets of the last batch; call setTargets after feedforward");
        }
        return batch;
    }

    private void requireNetwork(Parameters parameters) {
        if (!parameters.network().equals(network)) {
            throw new IllegalArgumentException("parameters of " + parameters.network() + " do not fit " + network);
        }
    }

    private void checkGradientKept(String operation) {
        if (!gradientKept) {
            throw new IllegalStateException(operation + " needs the gradient of backpropagate(); the last call was "
                    + "step(), which applies the weight gradient without keeping it");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Backpropagation is closed");
        }
    }
}
