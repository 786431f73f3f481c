package dev.backprop.tck;

import java.util.List;
import java.util.Optional;

/**
 * Every rule of the kit, in the order of the chapter, then what an engine keeps between calls,
 * then the contract. The ids are the public names (the JUnit methods, the report,
 * {@code unsupportedRules()}); the rest is the kit's own.
 */
final class RuleBook {
    private RuleBook() {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(RuleIds.ORACLE, "BP1-BP4", "the kit's double-precision oracle matches central finite differences of the cost",
                    "the kit itself: this rule does not depend on the engine", NetworkRules::oracleMatchesFiniteDifferences),
            new Rule(RuleIds.EQ25, "Eq. 25", "z = w a + b and a = σ(z), for every activation",
                    "the product A·Wᵀ (rows of W are neurons), the bias added once per neuron, σ applied to each z "
                            + "(softmax over each example's row)", EquationRules::feedforward),
            new Rule(RuleIds.BP1, "BP1", "δ^L = ∇_a C ⊙ σ′(z^L) for every legal cost and output activation",
                    "that σ′(z) multiplies ∂C/∂a (quadratic), and that cross-entropy+sigmoid and log-likelihood+softmax "
                            + "give exactly a − y", EquationRules::outputError),
            new Rule(RuleIds.COST, "cost", "C = (1/m) Σ_x C_x", "the division by the batch size m and the cost's formula",
                    EquationRules::cost),
            new Rule(RuleIds.BP2, "BP2", "δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l)",
                    "the transpose (δ^l_k sums over the neurons j of layer l+1 with w_jk) and the factor σ′(z^l)",
                    EquationRules::backpropagate),
            new Rule(RuleIds.BP3, "BP3", "∂C/∂b = δ, averaged over the batch", "the column sums of Δ and the division by m",
                    EquationRules::biasGradient),
            new Rule(RuleIds.BP4, "BP4", "∂C/∂w_jk = a^{l−1}_k δ^l_j, averaged over the batch",
                    "Δᵀ·A (error rows times input columns, not the reverse) and the division by m",
                    EquationRules::weightGradient),
            new Rule(RuleIds.SGD, "SGD", "w → w − η ∂C/∂w", "the sign and the learning rate of the step", EquationRules::update),
            new Rule(RuleIds.SGD_L2, "SGD + L2 (Eq. 93)", "w → (1 − ηλ/n) w − η ∂C/∂w",
                    "the decay factor (1 − decay) applied to the parameter before the step", EquationRules::updateWithL2),
            new Rule(RuleIds.FUSED, "BP4 + Eq. 93", "w → (1 − ηλ/n) w − η (1/m) Δᵀ A in one call (weightGradientAndUpdate)",
                    "a fused kernel that updates W with a stale or partial gradient, or drops the decay",
                    EquationRules::weightGradientAndUpdate),
            new Rule(RuleIds.REGULARIZE, "Eq. 87, 96", "∂C/∂w + (λ/n) w + (λ₁/n) sgn(w), with sgn(0) = 0 (regularize)",
                    "the sign of each term, and that a weight of exactly 0 (or −0) gets no L1 push",
                    OptimizerRules::regularize),
            new Rule(RuleIds.MOMENTUM, "momentum", "v → μv − η∂C/∂w, w → w + v; Nesterov: w → w + μv − η∂C/∂w (momentumStep)",
                    "that the new velocity is stored and used, and Nesterov's look-ahead term μv with the new v",
                    OptimizerRules::momentum),
            new Rule(RuleIds.ADAM, "Adam", "Kingma and Ba's step with bias corrections 1 − β^t, and AdamW's decoupled decay "
                    + "(adamStep)", "m and v stored, the corrections at step t (not t − 1, not left out), √v̂ + ε in the "
                    + "denominator, and (1 − decay) on w before the step", OptimizerRules::adam),
            new Rule(RuleIds.RMSPROP, "RMSProp", "r → ρr + (1 − ρ)g², w → w − η g / (√r + ε) (rmsPropStep)",
                    "the square of g in the running mean and the square root of r in the denominator",
                    OptimizerRules::rmsProp),
            new Rule(RuleIds.DROPOUT, "dropout", "x → x ⊙ r for every element (dropout)",
                    "tails of rows a vector loop skips, and that the mask multiplies (r is 0 or 1/(1 − p), not a flag)",
                    OptimizerRules::dropout),
            new Rule(RuleIds.SATURATION, "Eq. 25, BP1, BP2", "saturated sigmoid and tanh, softmax of large inputs, vanishing σ′",
                    "σ and σ′ at large |z|: each case names what saturates in it",
                    EquationRules::saturation),
            new Rule(RuleIds.SQUARE, "Eq. 25, BP2-BP4", "each product with equal dimensions: W square (in = out, next = width) "
                    + "and the batch as wide as the layer, so Δ, A and Z are square too",
                    "transposes and axes that only a shape told apart: W against Wᵀ (Eq. 25, BP2), Δᵀ·A against Aᵀ·Δ "
                            + "(BP4), column means against row means (BP3), the bias and softmax per example row; "
                            + "the cases share one engine, so if a required_state_* rule fails too, look at that first",
                    SquareRules::equalDimensions),
            new Rule(RuleIds.GRADIENT, "BP1-BP4", "the whole gradient of a network for every legal activation and cost",
                    "the order of the chapter's steps if each equation alone passes: Δ^L first, then BP2 downwards "
                            + "with the weights of the layer above", NetworkRules::wholeGradient),
            new Rule(RuleIds.SQUARE_LAYERS, "BP1-BP4, SGD", "the whole gradient and SGD steps of networks whose layers have "
                    + "equal widths (W^l and W^{l+1} of one shape), on one engine",
                    "that each layer uses its own W^{l+1}, z^l and buffers: a cache, a transposed copy or scratch looked "
                            + "up by shape hands a layer another layer's matrix when two have the same shape",
                    SquareRules::layersOfEqualWidth),
            new Rule(RuleIds.DROPOUT_GRADIENT, "Eq. 25, BP2", "the whole gradient with dropout masks on the hidden layers, "
                    + "through the api", "that dropout(a, r) after Eq. 25 and dropout(δ, r) after BP2 both take effect: "
                    + "a mask missing from a^l changes the next layer's input and BP4, one missing from δ^l changes BP3 and BP4",
                    OptimizerRules::wholeGradientWithDropout),
            new Rule(RuleIds.OPTIMIZER_STEPS, "momentum, Adam, RMSProp, L1", "four steps in a row of each rule through the api, "
                    + "with L2 and L1, on one engine, each matching one oracle step from the state read back before it",
                    "state kept between mini-batches: velocities and moments written back into the matrices passed, "
                            + "not reset or cached by shape (the two hidden layers have equal shapes)",
                    OptimizerRules::severalSteps),
            new Rule(RuleIds.STEPS, "SGD", "five SGD steps with L2 in a row, each matching one oracle step",
                    "that updates land in the buffers the next feedforward reads, and biases get no decay",
                    NetworkRules::severalSteps),
            new Rule(RuleIds.BATCHES, "every operation", "one engine, the same layer shapes, batches of 300, 129, 10, 257, 1, 33, "
                    + "128, 7 in turn: every operation and the whole gradient match the oracle at each",
                    "scratch or kernel sizes kept from an earlier, larger batch (a loop over the scratch's rows instead "
                            + "of this call's m), and write/read at an offset into an array longer than the matrix "
                            + "(Trainer's last, partial mini-batch)", StateRules::batchSizesGrowAndShrink),
            new Rule(RuleIds.REWRITTEN, "every operation", "the same matrices written with new values before each call give "
                    + "each call's own result",
                    "a copy of an input (packed, transposed, on a device) kept per matrix and not refreshed by write(), "
                            + "or a result remembered from an earlier call with the same arguments",
                    StateRules::rewrittenMatrices),
            new Rule(RuleIds.INTERLEAVED, "BP1-BP4, SGD", "two sessions of one network on one engine, calls interleaved, each "
                    + "matching its own oracle",
                    "state that belongs to one network kept in the engine: a value saved by feedforward for BP2 "
                            + "(σ′(z), a transposed W) found again by call order or by shape instead of from the matrices "
                            + "passed", StateRules::interleavedSessions),
            new Rule(RuleIds.CUSTOM_ACTIVATION, "contract", "a custom activation is computed right or refused when a session opens",
                    "supports(Activation): return false for functions the engine cannot run, and use value/derivative "
                            + "otherwise", NetworkRules::customActivation),
            new Rule(RuleIds.CUSTOM_COST, "contract", "a custom cost is computed right or refused when a session opens",
                    "supports(Cost): return false for costs the engine cannot run, and use value/outputError otherwise",
                    NetworkRules::customCost),
            new Rule(RuleIds.DETERMINISM, "contract", "the same inputs give the same bits, on one instance and on two",
                    "sums whose order depends on thread timing or on state left from an earlier call",
                    ContractRules::determinism),
            new Rule(RuleIds.INPUTS, "contract", "inputs are never modified", "operations that work in place on an input",
                    ContractRules::inputsUntouched),
            new Rule(RuleIds.OUTPUTS, "contract", "every element of an output is written", "accumulating into outputs (+=) without "
                    + "clearing them, and tails of rows or columns that a vector loop skips", ContractRules::outputsOverwritten),
            new Rule(RuleIds.THREADS, "contract", "two instances used from two threads at once give the bits of one",
                    "static or shared scratch buffers", ContractRules::twoThreads),
            new Rule(RuleIds.PREDICTOR, "contract", "eight threads on one shared Predictor, which opens up to four engines "
                    + "from different threads and uses them at once, get the bits one engine gives alone",
                    "anything engines share between instances (a static scratch, a context, a command queue, a "
                            + "kernel's arguments): a Predictor serves an application's request threads this way",
                    PredictorRules::sharedByThreads),
            new Rule(RuleIds.SHAPES, "contract", "a shape mismatch throws IllegalArgumentException before any output is written",
                    "the argument checks (dev.backprop.spi.Checks) run before the arithmetic", ContractRules::shapeMismatch),
            new Rule(RuleIds.FOREIGN, "contract", "a matrix of another engine throws IllegalArgumentException",
                    "that every matrix argument is checked to belong to this engine instance", ContractRules::foreignMatrix),
            new Rule(RuleIds.ALIASING, "contract", "weightGradientAndUpdate with w also passed as gradW, delta or aIn throws "
                    + "IllegalArgumentException before writing, and the engine computes right afterwards; update(p, p) "
                    + "gives (1 − decay − η) p or throws it",
                    "each case names what it needs", AliasingRules::sameMatrixTwice),
            new Rule(RuleIds.CLOSED, "contract", "every call after close() throws IllegalStateException",
                    "the closed check at the start of every method", ContractRules::useAfterClose),
            new Rule(RuleIds.CLOSE_TWICE, "contract", "close() may be called twice", "that close() is idempotent",
                    ContractRules::closeTwice),
            new Rule(RuleIds.OPEN_MANY, "contract", "opening and closing an engine 50 times works every time",
                    "that close() frees what open() took (native handles, threads, device memory): a later cycle fails "
                            + "where the first worked", ContractRules::openCloseMany),
            new Rule(RuleIds.CLOSE_ONE, "contract", "closing one instance leaves the others open and computing right",
                    "resources shared between instances (a static thread pool, context, kernel cache or scratch) that "
                            + "one instance's close() releases", ContractRules::closingOneLeavesOthers));

    /** All rules, in order. */
    static List<Rule> all() {
        return RULES;
    }

    /** The ids of every rule, in order. */
    static List<String> ids() {
        return RULES.stream().map(Rule::id).toList();
    }

    static Optional<Rule> find(String id) {
        return RULES.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
