package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;
import dev.backprop.tck.RuleIds;
import dev.backprop.tck.RuleResult;
import dev.backprop.tck.TckMain;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * What the kit says when a rule fails: the case it was at, also when the engine throws, and a
 * hint only where the rule can tell what went wrong.
 */
class KitMessagesTest {

    private static RuleResult run(String name, Function<String, Engine> engine, String rule) {
        RuleResult result = TckMain.runRules(new Mutants.Mutant(name, rule, engine).provider(), Map.of(), List.of(rule))
                .get(0);
        assertEquals(RuleResult.Status.FAIL, result.status(), name + " passed " + rule);
        System.out.println(result.message());
        return result;
    }

    /** BP2 that throws, as an index past the end of an array would. */
    static final class ThrowingBackpropagate extends DelegatingEngine {
        ThrowingBackpropagate(String name) {
            super(name);
        }

        @Override
        public void backpropagate(Matrix wNext, Matrix deltaNext, Matrix z, Activation f, Matrix delta) {
            throw new ArrayIndexOutOfBoundsException("Index " + z.size() + " out of bounds for length " + z.size());
        }
    }

    /** Eq. 25 that never writes the last column of z, as a vector loop without its tail. */
    static final class LastColumnOfZUnwritten extends DelegatingEngine {
        LastColumnOfZUnwritten(String name) {
            super(name);
        }

        @Override
        public void feedforward(Matrix w, Matrix b, Matrix aIn, Matrix z, Matrix aOut, Activation f) {
            float[] before = host(z);
            super.feedforward(w, b, aIn, z, aOut, f);
            float[] after = host(z);
            for (int x = 0; x < z.rows(); x++) {
                after[x * z.cols() + z.cols() - 1] = before[x * z.cols() + z.cols() - 1];
            }
            write(z, after, 0);
        }
    }

    @Test
    void anEngineThatThrowsIsReportedWithTheCaseAndTheFrame() {
        RuleResult result = run("throws-in-bp2", ThrowingBackpropagate::new, RuleIds.BP2);
        String message = result.message();
        assertTrue(message.contains("backpropagate sigmoid, batch 1, 64 → 16: threw java.lang.ArrayIndexOutOfBoundsException"),
                message);
        assertTrue(message.contains(" at " + ThrowingBackpropagate.class.getName() + ".backpropagate("), message);
        assertInstanceOf(ArrayIndexOutOfBoundsException.class, result.thrown());
    }

    @Test
    void openManyPointsToEq25WhenTheFirstCycleFails() {
        String message = run("eq25-without-bias", Mutants.FeedforwardWithoutBias::new, RuleIds.OPEN_MANY).message();
        assertTrue(message.contains("open/close cycle 1 of 50"), message);
        assertTrue(message.contains("the first cycle already fails, so see " + RuleIds.EQ25), message);
        assertFalse(message.contains("close() frees"), message);
    }

    @Test
    void saturationSpeaksOfOverflowOnlyForANonFiniteValue() {
        String finite = run("eq25-without-bias", Mutants.FeedforwardWithoutBias::new, RuleIds.SATURATION).message();
        assertTrue(finite.contains("nothing overflowed"), finite);
        assertTrue(finite.contains(RuleIds.EQ25), finite);
        assertFalse(finite.contains("overflows float32"), finite);
        String overflow = run("softmax-without-max-shift", Mutants.SoftmaxOverflows::new, RuleIds.SATURATION).message();
        assertTrue(overflow.contains("actual NaN"), overflow);
        assertTrue(overflow.contains("softmax must subtract each row's maximum"), overflow);
    }

    @Test
    void outputsTellsNondeterminismFromAStaleOutputFromAnUnwrittenOne() {
        String random = run("bp3-sums-in-random-order", Mutants.BiasGradientRandomOrder::new, RuleIds.OUTPUTS).message();
        assertTrue(random.contains("two runs with the same NaN prefill"), random);
        assertTrue(random.contains("determinism first"), random);
        String stale = run("eq25-accumulates-into-stale-output", Mutants.FeedforwardAccumulates::new, RuleIds.OUTPUTS)
                .message();
        assertTrue(stale.contains("depends on what the buffer held"), stale);
        String unwritten = run("z-last-column-unwritten", LastColumnOfZUnwritten::new, RuleIds.OUTPUTS).message();
        assertTrue(unwritten.contains("never written"), unwritten);
    }

    @Test
    void aMisspeltUnsupportedRuleIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TckMain.runRules(new RefEngineProvider(), Map.of("required_bp2_typo", "why"), List.of(RuleIds.BP3)));
        assertTrue(e.getMessage().contains("required_bp2_typo"), e.getMessage());
    }
}
