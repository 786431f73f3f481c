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
 * values and the tolerance, and ends with what to check. Rules the engine cannot support are
 * declared in {@link #unsupportedRules()} and reported as skipped with the reason. The same
 * rules run without JUnit through {@link TckMain}.
 */
public abstract class EngineCompatibilityKit {

    /** The engine under test. */
    protected abstract EngineProvider provider();

    /**
     * Rule id → reason, for rules this engine declares unsupported; none by default. The ids are
     * the constants of {@link RuleIds}, the names of this class's test methods; an id that names
     * no rule fails every test, so a misspelt one does not go unnoticed.
     */
    protected Map<String, String> unsupportedRules() {
        return Map.of();
    }

    /**
     * Called when the provider reports itself unavailable; by default every rule is skipped with
     * the provider's reason. Override to fail instead where the engine must be there (in CI).
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

    @Test
    public void required_oracle_matchesFiniteDifferences() {
        verify(RuleIds.ORACLE);
    }

    @Test
    public void required_eq25_feedforwardMatchesOracle() {
        verify(RuleIds.EQ25);
    }

    @Test
    public void required_bp1_outputErrorMatchesOracle() {
        verify(RuleIds.BP1);
    }

    @Test
    public void required_cost_meanCostMatchesOracle() {
        verify(RuleIds.COST);
    }

    @Test
    public void required_bp2_errorBackwardsMatchesOracle() {
        verify(RuleIds.BP2);
    }

    @Test
    public void required_bp3_biasGradientMatchesOracle() {
        verify(RuleIds.BP3);
    }

    @Test
    public void required_bp4_weightGradientMatchesOracle() {
        verify(RuleIds.BP4);
    }

    @Test
    public void required_sgd_updateMatchesOracle() {
        verify(RuleIds.SGD);
    }

    @Test
    public void required_sgd_updateWithL2MatchesOracle() {
        verify(RuleIds.SGD_L2);
    }

    @Test
    public void required_sgd_weightGradientAndUpdateMatchesOracle() {
        verify(RuleIds.FUSED);
    }

    @Test
    public void required_regularization_penaltyGradientMatchesOracle() {
        verify(RuleIds.REGULARIZE);
    }

    @Test
    public void required_momentum_stepMatchesOracle() {
        verify(RuleIds.MOMENTUM);
    }

    @Test
    public void required_adam_stepMatchesOracle() {
        verify(RuleIds.ADAM);
    }

    @Test
    public void required_rmsprop_stepMatchesOracle() {
        verify(RuleIds.RMSPROP);
    }

    @Test
    public void required_dropout_maskMatchesOracle() {
        verify(RuleIds.DROPOUT);
    }

    @Test
    public void required_saturation_extremeInputsMatchOracle() {
        verify(RuleIds.SATURATION);
    }

    @Test
    public void required_square_equalDimensionsMatchOracle() {
        verify(RuleIds.SQUARE);
    }

    @Test
    public void required_gradient_wholeNetworkMatchesOracle() {
        verify(RuleIds.GRADIENT);
    }

    @Test
    public void required_gradient_layersOfEqualWidthMatchOracle() {
        verify(RuleIds.SQUARE_LAYERS);
    }

    @Test
    public void required_dropout_wholeGradientMatchesOracle() {
        verify(RuleIds.DROPOUT_GRADIENT);
    }

    @Test
    public void required_optimizer_severalStepsCarryTheirState() {
        verify(RuleIds.OPTIMIZER_STEPS);
    }

    @Test
    public void required_sgd_severalStepsMatchOracle() {
        verify(RuleIds.STEPS);
    }

    @Test
    public void required_state_batchSizesGrowAndShrinkOnOneEngine() {
        verify(RuleIds.BATCHES);
    }

    @Test
    public void required_state_rewrittenMatricesGiveNewResults() {
        verify(RuleIds.REWRITTEN);
    }

    @Test
    public void required_state_twoSessionsInterleavedOnOneEngine() {
        verify(RuleIds.INTERLEAVED);
    }

    @Test
    public void required_custom_activationComputedOrRefused() {
        verify(RuleIds.CUSTOM_ACTIVATION);
    }

    @Test
    public void required_custom_costComputedOrRefused() {
        verify(RuleIds.CUSTOM_COST);
    }

    @Test
    public void required_determinism_sameInputsSameBits() {
        verify(RuleIds.DETERMINISM);
    }

    @Test
    public void required_inputs_neverModified() {
        verify(RuleIds.INPUTS);
    }

    @Test
    public void required_outputs_fullyOverwritten() {
        verify(RuleIds.OUTPUTS);
    }

    @Test
    public void required_threads_twoInstancesAtOnceGiveSameBits() {
        verify(RuleIds.THREADS);
    }

    /** A shared {@code Predictor}: eight threads, up to four engines at once, the bits of one engine. */
    @Test
    public void required_threads_sharedPredictorGivesTheBitsOfOne() {
        verify(RuleIds.PREDICTOR);
    }

    @Test
    public void required_badArguments_shapeMismatchRefusedFirst() {
        verify(RuleIds.SHAPES);
    }

    @Test
    public void required_badArguments_foreignMatrixRefused() {
        verify(RuleIds.FOREIGN);
    }

    @Test
    public void required_badArguments_sameMatrixTwiceRefusedOrComputed() {
        verify(RuleIds.ALIASING);
    }

    @Test
    public void required_lifecycle_useAfterCloseRefused() {
        verify(RuleIds.CLOSED);
    }

    @Test
    public void required_lifecycle_closeTwiceIsHarmless() {
        verify(RuleIds.CLOSE_TWICE);
    }

    @Test
    public void required_lifecycle_openAndCloseManyTimes() {
        verify(RuleIds.OPEN_MANY);
    }

    @Test
    public void required_lifecycle_closingOneInstanceLeavesOthersWorking() {
        verify(RuleIds.CLOSE_ONE);
    }
}
