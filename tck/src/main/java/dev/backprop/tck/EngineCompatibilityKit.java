package dev.backprop.tck;

import dev.backprop.spi.Availability;
import dev.backprop.spi.EngineProvider;

import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit as a JUnit 5 test class. An engine author extends it and returns the
 * provider:
 *
 * <pre>{@code
 * class MyEngineTckTest extends EngineCompatibilityKit {
 *     @Override
 *     protected EngineProvider provider() {
 *         return new MyEngineProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>Each test method is one rule, named as in the report ({@code required_bp2_…}); its failure
 * message names the engine, the rule, the equation, the array, the index, expected and actual
 * values and the tolerance, and ends with what to check; each method's documentation says what
 * its rule checks and what to look at when it fails. Rules the engine cannot support are
 * declared in {@link #unsupportedRules()} and reported as skipped with the reason. The same
 * rules run without JUnit through {@link TckMain}.
 */
public abstract class EngineCompatibilityKit {

    /** For a subclass; JUnit creates its instances. */
    public EngineCompatibilityKit() {
    }

    /**
     * The engine under test.
     *
     * @return its provider; asked again for every rule, so a new instance each time is fine. The
     *     kit opens engines with it and closes each one before the rule ends.
     */
    protected abstract EngineProvider provider();

    /**
     * Rule id → reason, for rules this engine declares unsupported; none by default. The ids are
     * the constants of {@link RuleIds}, the names of this class's test methods; an id that names
     * no rule fails every test, so a misspelt one does not go unnoticed.
     *
     * @return rule id → why the engine cannot keep that rule, reported with the SKIP
     */
    protected Map<String, String> unsupportedRules() {
        return Map.of();
    }

    /**
     * Called when the provider reports itself unavailable; by default every rule is skipped with
     * the provider's reason. Override to fail instead where the engine must be there (in CI).
     * If the override returns, the rule runs anyway, with a provider that said it cannot open an
     * engine here.
     *
     * @param availability what the provider answered, with the reason and the fix
     */
    protected void whenUnavailable(Availability availability) {
        Assumptions.abort("engine " + provider().name() + " is unavailable here: " + availability.detail());
    }

    private void verify(String ruleId) {
        EngineProvider provider = provider();
        Availability availability = provider.availability();
        if (!availability.available()) {
            whenUnavailable(availability);
        }
        Rule rule = RuleBook.find(ruleId).orElseThrow();
        RuleResult result = new KitRunner(provider, unsupportedRules()).run(rule);
        System.out.println(Report.line(result));
        switch (result.status()) {
            case PASS:
                return;
            case SKIP:
                Assumptions.abort(result.message());
                return;
            default:
                throw new ConformanceFailure(result.message(), result.thrown());
        }
    }

    /**
     * The kit's own oracle ({@link NetworkOracle}) against central differences of its mean cost in
     * double, for every legal combination of hidden activation, output activation and cost on a
     * [5, 6, 4, 3] network. No engine is opened: this rule tests the judge before it judges. If this
     * fails, check the kit itself: this rule does not depend on the engine.
     */
    @Test
    public void required_oracle_matchesFiniteDifferences() {
        verify(RuleIds.ORACLE);
    }

    /**
     * Eq. 25 on its own: z = w a + b and a = σ(z) for every built-in activation, at widths and
     * batches from 1 to 257 that leave a tail for every vector width, and at a batch of 100 through
     * 784 → 300; each case on a fresh engine. If this fails, check the product A·Wᵀ (rows of W are
     * neurons), the bias added once per neuron, and σ applied to each z (softmax over each
     * example's row).
     */
    @Test
    public void required_eq25_feedforwardMatchesOracle() {
        verify(RuleIds.EQ25);
    }

    /**
     * BP1 on its own: δ^L = ∇_a C ⊙ σ′(z^L) for every legal pair of built-in cost and output
     * activation (quadratic with each element-wise activation, cross-entropy with sigmoid,
     * log-likelihood with softmax), given a = σ(z) as the api computes it. If this fails, check that
     * σ′(z) multiplies ∂C/∂a (quadratic), and that cross-entropy with sigmoid and log-likelihood
     * with softmax give exactly a − y (Eq. 66, Eq. 81–82).
     */
    @Test
    public void required_bp1_outputErrorMatchesOracle() {
        verify(RuleIds.BP1);
    }

    /**
     * The mean cost C = (1/m) Σ_x C_x for every legal pair of built-in cost and output activation.
     * If this fails, check the division by the batch size m and the cost's formula.
     */
    @Test
    public void required_cost_meanCostMatchesOracle() {
        verify(RuleIds.COST);
    }

    /**
     * BP2 on its own: δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l) for every element-wise activation, at
     * the shapes of Eq. 25's rule. If this fails, check the transpose (δ^l_k sums over the neurons j
     * of layer l+1 with w_jk) and the factor σ′(z^l).
     */
    @Test
    public void required_bp2_errorBackwardsMatchesOracle() {
        verify(RuleIds.BP2);
    }

    /**
     * BP3 on its own: ∂C/∂b = δ averaged over the batch, the column means of Δ. If this fails,
     * check the column sums of Δ and the division by m.
     */
    @Test
    public void required_bp3_biasGradientMatchesOracle() {
        verify(RuleIds.BP3);
    }

    /**
     * BP4 on its own: ∂C/∂w_jk = a^{l−1}_k δ^l_j averaged over the batch, (1/m) Δᵀ A. If this
     * fails, check Δᵀ·A (error rows times input columns, not the reverse) and the division by m.
     */
    @Test
    public void required_bp4_weightGradientMatchesOracle() {
        verify(RuleIds.BP4);
    }

    /**
     * The SGD step without decay: w → w − η ∂C/∂w, with η = 0.5. If this fails, check the sign
     * and the learning rate of the step.
     */
    @Test
    public void required_sgd_updateMatchesOracle() {
        verify(RuleIds.SGD);
    }

    /**
     * The SGD step with L2 weight decay (Eq. 93): w → (1 − ηλ/n) w − η ∂C/∂w, with the decay of
     * the book's chapter-3 setting on 60,000 examples and with a large one (0.1). If this fails,
     * check the decay factor (1 − decay) applied to the parameter before the step.
     */
    @Test
    public void required_sgd_updateWithL2MatchesOracle() {
        verify(RuleIds.SGD_L2);
    }

    /**
     * BP4 and Eq. 93 in one call ({@code weightGradientAndUpdate}): w → (1 − ηλ/n) w − η (1/m)
     * Δᵀ A, with and without decay, and at the book's first layer (batch 10, 784 → 30). Only w is
     * compared; the scratch gradW may hold anything. If this fails, check for a fused kernel that
     * updates W with a stale or partial gradient, or drops the decay.
     */
    @Test
    public void required_sgd_weightGradientAndUpdateMatchesOracle() {
        verify(RuleIds.FUSED);
    }

    /**
     * The penalty added to a weight gradient, ∂C/∂w + (λ/n)w + (λ₁/n)sgn(w) (Eq. 87 and 96, sgn(0) = 0),
     * against the oracle over the shape sweep.
     * If this fails, check the sign of each term, and that a weight of exactly 0 (or −0) gets no L1 push.
     */
    @Test
    public void required_regularization_penaltyGradientMatchesOracle() {
        verify(RuleIds.REGULARIZE);
    }

    /**
     * The momentum step v → μv − η∂C/∂w, w → w + v, and Nesterov's w → w + μv − η∂C/∂w, against the
     * oracle over the shape sweep.
     * If this fails, check that the new velocity is stored and used, and Nesterov's look-ahead term μv with the new v.
     */
    @Test
    public void required_momentum_stepMatchesOracle() {
        verify(RuleIds.MOMENTUM);
    }

    /**
     * Kingma and Ba's Adam step with its bias corrections 1 − β^t, and AdamW's decoupled decay, against
     * the oracle over the shape sweep.
     * If this fails, check m and v stored, the corrections at step t (not t − 1, not left out), √v̂ + ε in the
     * denominator, and (1 − decay) on w before the step.
     */
    @Test
    public void required_adam_stepMatchesOracle() {
        verify(RuleIds.ADAM);
    }

    /**
     * The RMSProp step r → ρr + (1 − ρ)g², w → w − ηg / (√r + ε) against the oracle over the shape sweep.
     * If this fails, check the square of g in the running mean and the square root of r in the denominator.
     */
    @Test
    public void required_rmsprop_stepMatchesOracle() {
        verify(RuleIds.RMSPROP);
    }

    /**
     * Dropout's element-wise product x → x ⊙ r, with r 0 or 1/(1 − p), for every element of every shape
     * of the sweep.
     * If this fails, check tails of rows a vector loop skips, and that the mask multiplies (r is a factor, not a flag).
     */
    @Test
    public void required_dropout_maskMatchesOracle() {
        verify(RuleIds.DROPOUT);
    }

    /**
     * Eq. 25, BP1 and BP2 at large |z|: weights ×200 push z past 88.7, where e^z overflows
     * float32, and z ×20 makes σ′ underflow. σ must reach its limits (0, 1 or ±1), softmax must not
     * overflow, and no result may be NaN or ∞ where the oracle's is finite. If this fails, check σ
     * and σ′ at large |z|: each case names what saturates in it, and a finite wrong value points to
     * the equation's own rule instead.
     */
    @Test
    public void required_saturation_extremeInputsMatchOracle() {
        verify(RuleIds.SATURATION);
    }

    /**
     * Eq. 25 and BP2–BP4 with equal dimensions: W square (in = out, next = width) and the batch as
     * wide as the layer, so Δ, A and Z are square too and only the values tell W from Wᵀ; the
     * cases share one engine. If this fails, check transposes and axes that only a shape told
     * apart: W against Wᵀ (Eq. 25, BP2), Δᵀ·A against Aᵀ·Δ (BP4), column means against row means
     * (BP3), the bias and softmax per example row; if a {@code required_state_*} rule fails too,
     * look at that first.
     */
    @Test
    public void required_square_equalDimensionsMatchOracle() {
        verify(RuleIds.SQUARE);
    }

    /**
     * The whole gradient, BP1–BP4 in the chapter's order through the api's
     * {@link dev.backprop.Backpropagation}: every legal combination of hidden activation, output
     * activation and cost on [7, 17, 16, 3], and [784, 100, 10] with cross-entropy at batch 33, on
     * one engine, against {@link NetworkOracle}. If this fails while each equation alone passes,
     * check the order of the chapter's steps: Δ^L first, then BP2 downwards with the weights of the
     * layer above.
     */
    @Test
    public void required_gradient_wholeNetworkMatchesOracle() {
        verify(RuleIds.GRADIENT);
    }

    /**
     * Whole gradients and SGD steps of networks whose layers have equal widths, so W^l and
     * W^{l+1} have one shape (and Z, A and Δ of every layer too), on one engine. If this fails,
     * check that each layer uses its own W^{l+1}, z^l and buffers: a cache, a transposed copy or
     * scratch looked up by shape hands a layer another layer's matrix when two have the same shape.
     */
    @Test
    public void required_gradient_layersOfEqualWidthMatchOracle() {
        verify(RuleIds.SQUARE_LAYERS);
    }

    /**
     * The whole gradient of a network with dropout masks on its hidden layers, through the api, against
     * the oracle: the mask must act after Eq. 25 and after BP2.
     * If this fails, check that dropout(a, r) after Eq. 25 and dropout(δ, r) after BP2 both take effect: a mask missing
     * from a^l changes the next layer's input and BP4, one missing from δ^l changes BP3 and BP4.
     */
    @Test
    public void required_dropout_wholeGradientMatchesOracle() {
        verify(RuleIds.DROPOUT_GRADIENT);
    }

    /**
     * Four steps in a row of momentum, Adam and RMSProp with L2 and L1, through the api on one engine,
     * each against one oracle step from the state read back before it.
     * If this fails, check state kept between mini-batches: velocities and moments written back into the matrices
     * passed, not reset or cached by shape (the two hidden layers have equal shapes).
     */
    @Test
    public void required_optimizer_severalStepsCarryTheirState() {
        verify(RuleIds.OPTIMIZER_STEPS);
    }

    /**
     * Five SGD steps with L2 in a row on one engine, fused ({@code Backpropagation.step}) and not
     * ({@code backpropagate} then {@code update}) in turn, each against one oracle step from the
     * engine's parameters before it. If this fails, check that updates land in the buffers the next
     * feedforward reads, and that biases get no decay.
     */
    @Test
    public void required_sgd_severalStepsMatchOracle() {
        verify(RuleIds.STEPS);
    }

    /**
     * One engine, the same layer shapes, batches of 300, 129, 10, 257, 1, 33, 128 and 7 in turn:
     * every operation and the whole gradient match the oracle at each, and a read at an offset into
     * a longer array writes only the matrix's elements. If this fails, check scratch or kernel sizes
     * kept from an earlier, larger batch (a loop over the scratch's rows instead of this call's m),
     * and write/read at an offset into an array longer than the matrix (Trainer's last, partial
     * mini-batch).
     */
    @Test
    public void required_state_batchSizesGrowAndShrinkOnOneEngine() {
        verify(RuleIds.BATCHES);
    }

    /**
     * Every operation three times in the same matrices, written with new values before each call:
     * each call must give the result of its own inputs. If this fails, check for a copy of an input
     * (packed, transposed, on a device) kept per matrix and not refreshed by write(), or a result
     * remembered from an earlier call with the same arguments.
     */
    @Test
    public void required_state_rewrittenMatricesGiveNewResults() {
        verify(RuleIds.REWRITTEN);
    }

    /**
     * Two sessions of one network on one engine, their calls interleaved (both feed forward before
     * either goes back, in both orders, then each takes the fused step), each matching its own
     * oracle. If this fails, check for state that belongs to one network kept in the engine: a
     * value saved by feedforward for BP2 (σ′(z), a transposed W) found again by call order or by
     * shape instead of from the matrices passed.
     */
    @Test
    public void required_state_twoSessionsInterleavedOnOneEngine() {
        verify(RuleIds.INTERLEAVED);
    }

    /**
     * A network with a custom activation (the kit's softsign) in its hidden layer: where the
     * engine's {@code supports(Activation)} says yes, the whole gradient must match the oracle;
     * where it says no, {@link dev.backprop.Backpropagation#open} must refuse the network with an
     * {@link IllegalArgumentException} that names the activation. If this fails, check
     * supports(Activation): return false for functions the engine cannot run, and use
     * value/derivative otherwise.
     */
    @Test
    public void required_custom_activationComputedOrRefused() {
        verify(RuleIds.CUSTOM_ACTIVATION);
    }

    /**
     * A network with a custom cost (the kit's quartic, δ = (a − y)³ σ′): where the engine's
     * {@code supports(Cost)} says yes, the whole gradient must match the oracle; where it says no,
     * {@link dev.backprop.Backpropagation#open} must refuse the network naming the cost. If this
     * fails, check supports(Cost): return false for costs the engine cannot run, and use
     * value/outputError otherwise.
     */
    @Test
    public void required_custom_costComputedOrRefused() {
        verify(RuleIds.CUSTOM_COST);
    }

    /**
     * Every operation twice on one instance and once on a second: the same inputs must give the same
     * bits each time. If this fails, check sums whose order depends on thread timing or on state
     * left from an earlier call.
     */
    @Test
    public void required_determinism_sameInputsSameBits() {
        verify(RuleIds.DETERMINISM);
    }

    /**
     * Every operation, with its input matrices read back afterwards: they must hold the bits that
     * were written. If this fails, check operations that work in place on an input.
     */
    @Test
    public void required_inputs_neverModified() {
        verify(RuleIds.INPUTS);
    }

    /**
     * Every operation that overwrites its outputs, run with the outputs prefilled with NaN and with
     * 7.5e30: the results must be the same bits. If this fails, check accumulating into outputs
     * (+=) without clearing them, and tails of rows or columns that a vector loop skips.
     */
    @Test
    public void required_outputs_fullyOverwritten() {
        verify(RuleIds.OUTPUTS);
    }

    /**
     * Two instances, each computing a whole gradient 20 times on its own thread at the same time:
     * both must give the bits one instance gives alone. If this fails, check static or shared
     * scratch buffers.
     */
    @Test
    public void required_threads_twoInstancesAtOnceGiveSameBits() {
        verify(RuleIds.THREADS);
    }

    /**
     * Eight threads on one shared {@link dev.backprop.Predictor}, which opens up to four engines from
     * different threads and uses them at once: every output must have the bits one engine gives
     * alone, and no more than four engines may be opened. If this fails, check anything engines
     * share between instances (a static scratch, a context, a command queue, a kernel's arguments):
     * a Predictor serves an application's request threads this way.
     */
    @Test
    public void required_threads_sharedPredictorGivesTheBitsOfOne() {
        verify(RuleIds.PREDICTOR);
    }

    /**
     * Each matrix argument of each operation in turn with one column too many: the call must throw
     * {@link IllegalArgumentException} with a message and leave every output as it was. If this
     * fails, check that the argument checks ({@link dev.backprop.spi.Checks}) run before the
     * arithmetic.
     */
    @Test
    public void required_badArguments_shapeMismatchRefusedFirst() {
        verify(RuleIds.SHAPES);
    }

    /**
     * Each input of each operation in turn replaced by a matrix of another instance of the engine,
     * or by a {@link dev.backprop.spi.Matrix} no engine allocated: the call must throw
     * {@link IllegalArgumentException} with a message and leave every output as it was. If this
     * fails, check that every matrix argument is checked to belong to this engine instance.
     */
    @Test
    public void required_badArguments_foreignMatrixRefused() {
        verify(RuleIds.FOREIGN);
    }

    /**
     * One matrix as two arguments: {@code weightGradientAndUpdate} with w also passed as gradW,
     * delta or aIn must throw {@link IllegalArgumentException} before writing, and the engine must
     * compute right afterwards; {@code update(p, p, η, decay)} must give (1 − decay − η) p, or throw
     * it with p unchanged. If this fails, check what the failing case names: each says what it
     * needs.
     */
    @Test
    public void required_badArguments_sameMatrixTwiceRefusedOrComputed() {
        verify(RuleIds.ALIASING);
    }

    /**
     * Every operation, and allocate, called after {@code close()}: each must throw
     * {@link IllegalStateException}. If this fails, check the closed check at the start of every
     * method.
     */
    @Test
    public void required_lifecycle_useAfterCloseRefused() {
        verify(RuleIds.CLOSED);
    }

    /**
     * {@code close()} called a second time must do nothing, and throw nothing. If this fails, check
     * that close() is idempotent.
     */
    @Test
    public void required_lifecycle_closeTwiceIsHarmless() {
        verify(RuleIds.CLOSE_TWICE);
    }

    /**
     * Open an engine, feed a batch forward and close it, 50 times: every cycle must match the
     * oracle. If this fails, check that close() frees what open() took (native handles, threads,
     * device memory): a later cycle fails where the first worked.
     */
    @Test
    public void required_lifecycle_openAndCloseManyTimes() {
        verify(RuleIds.OPEN_MANY);
    }

    /**
     * Two instances open; when the first is closed the second must keep computing every operation
     * right, and so must a third opened before the second is closed. If this fails, check resources
     * shared between instances (a static thread pool, context, kernel cache or scratch) that one
     * instance's close() releases.
     */
    @Test
    public void required_lifecycle_closingOneInstanceLeavesOthersWorking() {
        verify(RuleIds.CLOSE_ONE);
    }
}
