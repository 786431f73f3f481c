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
     * the names of this class's test methods ({@link TckMain#ruleIds()}); an id that names no rule
     * fails every test, so a misspelt one does not go unnoticed.
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
        verify(RuleBook.ORACLE);
    }

    @Test
    public void required_eq25_feedforwardMatchesOracle() {
        verify(RuleBook.EQ25);
    }

    @Test
    public void required_bp1_outputErrorMatchesOracle() {
        verify(RuleBook.BP1);
    }

    @Test
    public void required_cost_meanCostMatchesOracle() {
        verify(RuleBook.COST);
    }

    @Test
    public void required_bp2_errorBackwardsMatchesOracle() {
        verify(RuleBook.BP2);
    }

    @Test
    public void required_bp3_biasGradientMatchesOracle() {
        verify(RuleBook.BP3);
    }

    @Test
    public void required_bp4_weightGradientMatchesOracle() {
        verify(RuleBook.BP4);
    }

    @Test
    public void required_sgd_updateMatchesOracle() {
        verify(RuleBook.SGD);
    }

    @Test
    public void required_sgd_updateWithL2MatchesOracle() {
        verify(RuleBook.SGD_L2);
    }

    @Test
    public void required_sgd_weightGradientAndUpdateMatchesOracle() {
        verify(RuleBook.FUSED);
    }

    @Test
    public void required_saturation_extremeInputsMatchOracle() {
        verify(RuleBook.SATURATION);
    }

    @Test
    public void required_square_equalDimensionsMatchOracle() {
        verify(RuleBook.SQUARE);
    }

    @Test
    public void required_gradient_wholeNetworkMatchesOracle() {
        verify(RuleBook.GRADIENT);
    }

    @Test
    public void required_gradient_layersOfEqualWidthMatchOracle() {
        verify(RuleBook.SQUARE_LAYERS);
    }

    @Test
    public void required_sgd_severalStepsMatchOracle() {
        verify(RuleBook.STEPS);
    }

    @Test
    public void required_state_batchSizesGrowAndShrinkOnOneEngine() {
        verify(RuleBook.BATCHES);
    }

    @Test
    public void required_state_rewrittenMatricesGiveNewResults() {
        verify(RuleBook.REWRITTEN);
    }

    @Test
    public void required_state_twoSessionsInterleavedOnOneEngine() {
        verify(RuleBook.INTERLEAVED);
    }

    @Test
    public void required_custom_activationComputedOrRefused() {
        verify(RuleBook.CUSTOM_ACTIVATION);
    }

    @Test
    public void required_custom_costComputedOrRefused() {
        verify(RuleBook.CUSTOM_COST);
    }

    @Test
    public void required_determinism_sameInputsSameBits() {
        verify(RuleBook.DETERMINISM);
    }

    @Test
    public void required_inputs_neverModified() {
        verify(RuleBook.INPUTS);
    }

    @Test
    public void required_outputs_fullyOverwritten() {
        verify(RuleBook.OUTPUTS);
    }

    @Test
    public void required_threads_twoInstancesAtOnceGiveSameBits() {
        verify(RuleBook.THREADS);
    }

    @Test
    public void required_badArguments_shapeMismatchRefusedFirst() {
        verify(RuleBook.SHAPES);
    }

    @Test
    public void required_badArguments_foreignMatrixRefused() {
        verify(RuleBook.FOREIGN);
    }

    @Test
    public void required_badArguments_sameMatrixTwiceRefusedOrComputed() {
        verify(RuleBook.ALIASING);
    }

    @Test
    public void required_lifecycle_useAfterCloseRefused() {
        verify(RuleBook.CLOSED);
    }

    @Test
    public void required_lifecycle_closeTwiceIsHarmless() {
        verify(RuleBook.CLOSE_TWICE);
    }

    @Test
    public void required_lifecycle_openAndCloseManyTimes() {
        verify(RuleBook.OPEN_MANY);
    }

    @Test
    public void required_lifecycle_closingOneInstanceLeavesOthersWorking() {
        verify(RuleBook.CLOSE_ONE);
    }
}
