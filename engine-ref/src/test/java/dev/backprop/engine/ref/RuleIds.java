package dev.backprop.engine.ref;

import java.util.List;

/**
 * The kit's rule ids as its public names (test methods, report, {@code unsupportedRules()}),
 * spelt out here so the meta-tests hold the kit to them.
 */
final class RuleIds {
    private RuleIds() {
    }

    static final String ORACLE = "required_oracle_matchesFiniteDifferences";
    static final String EQ25 = "required_eq25_feedforwardMatchesOracle";
    static final String BP1 = "required_bp1_outputErrorMatchesOracle";
    static final String COST = "required_cost_meanCostMatchesOracle";
    static final String BP2 = "required_bp2_errorBackwardsMatchesOracle";
    static final String BP3 = "required_bp3_biasGradientMatchesOracle";
    static final String BP4 = "required_bp4_weightGradientMatchesOracle";
    static final String SGD = "required_sgd_updateMatchesOracle";
    static final String SGD_L2 = "required_sgd_updateWithL2MatchesOracle";
    static final String FUSED = "required_sgd_weightGradientAndUpdateMatchesOracle";
    static final String SATURATION = "required_saturation_extremeInputsMatchOracle";
    static final String SQUARE = "required_square_equalDimensionsMatchOracle";
    static final String GRADIENT = "required_gradient_wholeNetworkMatchesOracle";
    static final String SQUARE_LAYERS = "required_gradient_layersOfEqualWidthMatchOracle";
    static final String STEPS = "required_sgd_severalStepsMatchOracle";
    static final String BATCHES = "required_state_batchSizesGrowAndShrinkOnOneEngine";
    static final String REWRITTEN = "required_state_rewrittenMatricesGiveNewResults";
    static final String INTERLEAVED = "required_state_twoSessionsInterleavedOnOneEngine";
    static final String CUSTOM_ACTIVATION = "required_custom_activationComputedOrRefused";
    static final String CUSTOM_COST = "required_custom_costComputedOrRefused";
    static final String DETERMINISM = "required_determinism_sameInputsSameBits";
    static final String INPUTS = "required_inputs_neverModified";
    static final String OUTPUTS = "required_outputs_fullyOverwritten";
    static final String THREADS = "required_threads_twoInstancesAtOnceGiveSameBits";
    static final String SHAPES = "required_badArguments_shapeMismatchRefusedFirst";
    static final String FOREIGN = "required_badArguments_foreignMatrixRefused";
    static final String ALIASING = "required_badArguments_sameMatrixTwiceRefusedOrComputed";
    static final String CLOSED = "required_lifecycle_useAfterCloseRefused";
    static final String CLOSE_TWICE = "required_lifecycle_closeTwiceIsHarmless";
    static final String OPEN_MANY = "required_lifecycle_openAndCloseManyTimes";
    static final String CLOSE_ONE = "required_lifecycle_closingOneInstanceLeavesOthersWorking";

    /** The 24 rules of the kit before issue 15; a mutant that passes them all shows a blind spot they had. */
    static final List<String> BEFORE_ISSUE_15 = List.of(ORACLE, EQ25, BP1, COST, BP2, BP3, BP4, SGD, SGD_L2, FUSED,
            SATURATION, GRADIENT, STEPS, CUSTOM_ACTIVATION, CUSTOM_COST, DETERMINISM, INPUTS, OUTPUTS, THREADS, SHAPES,
            FOREIGN, CLOSED, CLOSE_TWICE, OPEN_MANY);
}
