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
 * {@link TckMain#ruleIds()} lists them in the order the kit runs them; the rules themselves,
 * what each checks and what to look at when it fails, are in the report and in the package's
 * documentation.
 */
public final class RuleIds {
    private RuleIds() {
    }

    public static final String ORACLE = "required_oracle_matchesFiniteDifferences";
    public static final String EQ25 = "required_eq25_feedforwardMatchesOracle";
    public static final String BP1 = "required_bp1_outputErrorMatchesOracle";
    public static final String COST = "required_cost_meanCostMatchesOracle";
    public static final String BP2 = "required_bp2_errorBackwardsMatchesOracle";
    public static final String BP3 = "required_bp3_biasGradientMatchesOracle";
    public static final String BP4 = "required_bp4_weightGradientMatchesOracle";
    public static final String SGD = "required_sgd_updateMatchesOracle";
    public static final String SGD_L2 = "required_sgd_updateWithL2MatchesOracle";
    public static final String FUSED = "required_sgd_weightGradientAndUpdateMatchesOracle";
    public static final String REGULARIZE = "required_regularization_penaltyGradientMatchesOracle";
    public static final String MOMENTUM = "required_momentum_stepMatchesOracle";
    public static final String ADAM = "required_adam_stepMatchesOracle";
    public static final String RMSPROP = "required_rmsprop_stepMatchesOracle";
    public static final String DROPOUT = "required_dropout_maskMatchesOracle";
    public static final String SATURATION = "required_saturation_extremeInputsMatchOracle";
    public static final String SQUARE = "required_square_equalDimensionsMatchOracle";
    public static final String GRADIENT = "required_gradient_wholeNetworkMatchesOracle";
    public static final String SQUARE_LAYERS = "required_gradient_layersOfEqualWidthMatchOracle";
    public static final String DROPOUT_GRADIENT = "required_dropout_wholeGradientMatchesOracle";
    public static final String OPTIMIZER_STEPS = "required_optimizer_severalStepsCarryTheirState";
    public static final String STEPS = "required_sgd_severalStepsMatchOracle";
    public static final String BATCHES = "required_state_batchSizesGrowAndShrinkOnOneEngine";
    public static final String REWRITTEN = "required_state_rewrittenMatricesGiveNewResults";
    public static final String INTERLEAVED = "required_state_twoSessionsInterleavedOnOneEngine";
    public static final String CUSTOM_ACTIVATION = "required_custom_activationComputedOrRefused";
    public static final String CUSTOM_COST = "required_custom_costComputedOrRefused";
    public static final String DETERMINISM = "required_determinism_sameInputsSameBits";
    public static final String INPUTS = "required_inputs_neverModified";
    public static final String OUTPUTS = "required_outputs_fullyOverwritten";
    public static final String THREADS = "required_threads_twoInstancesAtOnceGiveSameBits";
    public static final String PREDICTOR = "required_threads_sharedPredictorGivesTheBitsOfOne";
    public static final String SHAPES = "required_badArguments_shapeMismatchRefusedFirst";
    public static final String FOREIGN = "required_badArguments_foreignMatrixRefused";
    public static final String ALIASING = "required_badArguments_sameMatrixTwiceRefusedOrComputed";
    public static final String CLOSED = "required_lifecycle_useAfterCloseRefused";
    public static final String CLOSE_TWICE = "required_lifecycle_closeTwiceIsHarmless";
    public static final String OPEN_MANY = "required_lifecycle_openAndCloseManyTimes";
    public static final String CLOSE_ONE = "required_lifecycle_closingOneInstanceLeavesOthersWorking";
}
