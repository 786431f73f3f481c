package dev.backprop.tck;

/**
 * The id of every rule: the name of its test method in {@link EngineCompatibilityKit}, of its
 * line in {@link TckMain}'s report, and the key to declare it unsupported:
 *
 * <pre>{@code
 * @Override
 * protected Map<String, String> unsupportedRules() {
 *     return Map.of(RuleIds.CUSTOM_ACTIVATION, "runs only the built-in activations (refused at open)");
 * }
 * }</pre>
 *
 * {@link TckMain#ruleIds()} lists them in the order the kit runs them. What each rule checks,
 * and what to look at when it fails, is documented on its test method, linked from each constant
 * here, and printed in the report.
 */
public final class RuleIds {
    private RuleIds() {
    }

    /**
     * The kit's oracle against finite differences, no engine needed:
     * {@link EngineCompatibilityKit#required_oracle_matchesFiniteDifferences()}.
     */
    public static final String ORACLE = "required_oracle_matchesFiniteDifferences";
    /**
     * Eq. 25, the feedforward, against the oracle:
     * {@link EngineCompatibilityKit#required_eq25_feedforwardMatchesOracle()}.
     */
    public static final String EQ25 = "required_eq25_feedforwardMatchesOracle";
    /**
     * BP1, the output error, against the oracle:
     * {@link EngineCompatibilityKit#required_bp1_outputErrorMatchesOracle()}.
     */
    public static final String BP1 = "required_bp1_outputErrorMatchesOracle";
    /**
     * The mean cost against the oracle:
     * {@link EngineCompatibilityKit#required_cost_meanCostMatchesOracle()}.
     */
    public static final String COST = "required_cost_meanCostMatchesOracle";
    /**
     * BP2, the error carried backwards, against the oracle:
     * {@link EngineCompatibilityKit#required_bp2_errorBackwardsMatchesOracle()}.
     */
    public static final String BP2 = "required_bp2_errorBackwardsMatchesOracle";
    /**
     * BP3, the bias gradient, against the oracle:
     * {@link EngineCompatibilityKit#required_bp3_biasGradientMatchesOracle()}.
     */
    public static final String BP3 = "required_bp3_biasGradientMatchesOracle";
    /**
     * BP4, the weight gradient, against the oracle:
     * {@link EngineCompatibilityKit#required_bp4_weightGradientMatchesOracle()}.
     */
    public static final String BP4 = "required_bp4_weightGradientMatchesOracle";
    /**
     * The SGD step without decay against the oracle:
     * {@link EngineCompatibilityKit#required_sgd_updateMatchesOracle()}.
     */
    public static final String SGD = "required_sgd_updateMatchesOracle";
    /**
     * The SGD step with L2 decay (Eq. 93) against the oracle:
     * {@link EngineCompatibilityKit#required_sgd_updateWithL2MatchesOracle()}.
     */
    public static final String SGD_L2 = "required_sgd_updateWithL2MatchesOracle";
    /**
     * BP4 and Eq. 93 in one call (weightGradientAndUpdate) against the oracle:
     * {@link EngineCompatibilityKit#required_sgd_weightGradientAndUpdateMatchesOracle()}.
     */
    public static final String FUSED = "required_sgd_weightGradientAndUpdateMatchesOracle";
    /**
     * The L2 and L1 penalty added to a weight gradient against the oracle:
     * {@link EngineCompatibilityKit#required_regularization_penaltyGradientMatchesOracle()}.
     */
    public static final String REGULARIZE = "required_regularization_penaltyGradientMatchesOracle";
    /**
     * The momentum and Nesterov steps against the oracle:
     * {@link EngineCompatibilityKit#required_momentum_stepMatchesOracle()}.
     */
    public static final String MOMENTUM = "required_momentum_stepMatchesOracle";
    /**
     * The Adam and AdamW steps against the oracle:
     * {@link EngineCompatibilityKit#required_adam_stepMatchesOracle()}.
     */
    public static final String ADAM = "required_adam_stepMatchesOracle";
    /**
     * The RMSProp step against the oracle:
     * {@link EngineCompatibilityKit#required_rmsprop_stepMatchesOracle()}.
     */
    public static final String RMSPROP = "required_rmsprop_stepMatchesOracle";
    /**
     * Dropout's element-wise mask against the oracle:
     * {@link EngineCompatibilityKit#required_dropout_maskMatchesOracle()}.
     */
    public static final String DROPOUT = "required_dropout_maskMatchesOracle";
    /**
     * Eq. 25, BP1 and BP2 at saturating inputs against the oracle:
     * {@link EngineCompatibilityKit#required_saturation_extremeInputsMatchOracle()}.
     */
    public static final String SATURATION = "required_saturation_extremeInputsMatchOracle";
    /**
     * Eq. 25 and BP2–BP4 with equal dimensions, where only values tell W from Wᵀ:
     * {@link EngineCompatibilityKit#required_square_equalDimensionsMatchOracle()}.
     */
    public static final String SQUARE = "required_square_equalDimensionsMatchOracle";
    /**
     * The whole gradient of a network against the oracle:
     * {@link EngineCompatibilityKit#required_gradient_wholeNetworkMatchesOracle()}.
     */
    public static final String GRADIENT = "required_gradient_wholeNetworkMatchesOracle";
    /**
     * Whole gradients and steps of networks whose layers have equal widths:
     * {@link EngineCompatibilityKit#required_gradient_layersOfEqualWidthMatchOracle()}.
     */
    public static final String SQUARE_LAYERS = "required_gradient_layersOfEqualWidthMatchOracle";
    /**
     * The whole gradient with dropout masks on the hidden layers:
     * {@link EngineCompatibilityKit#required_dropout_wholeGradientMatchesOracle()}.
     */
    public static final String DROPOUT_GRADIENT = "required_dropout_wholeGradientMatchesOracle";
    /**
     * Several steps of each optimiser in a row, carrying their state:
     * {@link EngineCompatibilityKit#required_optimizer_severalStepsCarryTheirState()}.
     */
    public static final String OPTIMIZER_STEPS = "required_optimizer_severalStepsCarryTheirState";
    /**
     * Five SGD steps in a row on one engine, each against one oracle step:
     * {@link EngineCompatibilityKit#required_sgd_severalStepsMatchOracle()}.
     */
    public static final String STEPS = "required_sgd_severalStepsMatchOracle";
    /**
     * Every operation on one engine at batch sizes that grow and shrink:
     * {@link EngineCompatibilityKit#required_state_batchSizesGrowAndShrinkOnOneEngine()}.
     */
    public static final String BATCHES = "required_state_batchSizesGrowAndShrinkOnOneEngine";
    /**
     * Every operation again in the same matrices, rewritten with new values:
     * {@link EngineCompatibilityKit#required_state_rewrittenMatricesGiveNewResults()}.
     */
    public static final String REWRITTEN = "required_state_rewrittenMatricesGiveNewResults";
    /**
     * Two sessions of one network on one engine, calls interleaved:
     * {@link EngineCompatibilityKit#required_state_twoSessionsInterleavedOnOneEngine()}.
     */
    public static final String INTERLEAVED = "required_state_twoSessionsInterleavedOnOneEngine";
    /**
     * A custom activation computed right or refused when a session opens:
     * {@link EngineCompatibilityKit#required_custom_activationComputedOrRefused()}.
     */
    public static final String CUSTOM_ACTIVATION = "required_custom_activationComputedOrRefused";
    /**
     * A custom cost computed right or refused when a session opens:
     * {@link EngineCompatibilityKit#required_custom_costComputedOrRefused()}.
     */
    public static final String CUSTOM_COST = "required_custom_costComputedOrRefused";
    /**
     * The same inputs give the same bits, on one instance and on two:
     * {@link EngineCompatibilityKit#required_determinism_sameInputsSameBits()}.
     */
    public static final String DETERMINISM = "required_determinism_sameInputsSameBits";
    /**
     * Inputs are never modified:
     * {@link EngineCompatibilityKit#required_inputs_neverModified()}.
     */
    public static final String INPUTS = "required_inputs_neverModified";
    /**
     * Every element of an output is written, whatever it held:
     * {@link EngineCompatibilityKit#required_outputs_fullyOverwritten()}.
     */
    public static final String OUTPUTS = "required_outputs_fullyOverwritten";
    /**
     * Two instances on two threads at once give the bits of one:
     * {@link EngineCompatibilityKit#required_threads_twoInstancesAtOnceGiveSameBits()}.
     */
    public static final String THREADS = "required_threads_twoInstancesAtOnceGiveSameBits";
    /**
     * A Predictor shared by eight threads gives the bits of one engine:
     * {@link EngineCompatibilityKit#required_threads_sharedPredictorGivesTheBitsOfOne()}.
     */
    public static final String PREDICTOR = "required_threads_sharedPredictorGivesTheBitsOfOne";
    /**
     * A shape mismatch is refused before any output is written:
     * {@link EngineCompatibilityKit#required_badArguments_shapeMismatchRefusedFirst()}.
     */
    public static final String SHAPES = "required_badArguments_shapeMismatchRefusedFirst";
    /**
     * A matrix of another engine instance, or of none, is refused:
     * {@link EngineCompatibilityKit#required_badArguments_foreignMatrixRefused()}.
     */
    public static final String FOREIGN = "required_badArguments_foreignMatrixRefused";
    /**
     * One matrix passed as two arguments: refused, or computed right:
     * {@link EngineCompatibilityKit#required_badArguments_sameMatrixTwiceRefusedOrComputed()}.
     */
    public static final String ALIASING = "required_badArguments_sameMatrixTwiceRefusedOrComputed";
    /**
     * Every call after close() is refused:
     * {@link EngineCompatibilityKit#required_lifecycle_useAfterCloseRefused()}.
     */
    public static final String CLOSED = "required_lifecycle_useAfterCloseRefused";
    /**
     * A second close() does nothing:
     * {@link EngineCompatibilityKit#required_lifecycle_closeTwiceIsHarmless()}.
     */
    public static final String CLOSE_TWICE = "required_lifecycle_closeTwiceIsHarmless";
    /**
     * Opening and closing an engine 50 times works every time:
     * {@link EngineCompatibilityKit#required_lifecycle_openAndCloseManyTimes()}.
     */
    public static final String OPEN_MANY = "required_lifecycle_openAndCloseManyTimes";
    /**
     * Closing one instance leaves the others working:
     * {@link EngineCompatibilityKit#required_lifecycle_closingOneInstanceLeavesOthersWorking()}.
     */
    public static final String CLOSE_ONE = "required_lifecycle_closingOneInstanceLeavesOthersWorking";
}
