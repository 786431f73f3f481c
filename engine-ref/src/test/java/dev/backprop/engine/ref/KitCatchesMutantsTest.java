package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.tck.KitRunner;
import dev.backprop.tck.RuleBook;
import dev.backprop.tck.RuleResult;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kit's own test: each mutant of the reference engine carries one planted bug, and the kit
 * must fail the rule that names it, with a message that names the engine and the equation.
 * The unmutated reference engine passes every rule (see {@link RefEngineTckTest}).
 */
class KitCatchesMutantsTest {

    static List<Mutants.Mutant> mutants() {
        return Mutants.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void theKitFailsTheRuleThatNamesTheBug(Mutants.Mutant mutant) {
        KitRunner runner = new KitRunner(mutant.provider(), Map.of());
        RuleResult result = runner.run(RuleBook.find(mutant.rule()).orElseThrow());
        assertEquals(RuleResult.Status.FAIL, result.status(), mutant + " passed " + mutant.rule());
        String message = result.message();
        System.out.println(mutant + " caught: " + message);
        assertTrue(message.contains("engine " + mutant.name()), message);
        assertTrue(message.contains(mutant.rule()), message);
        assertTrue(message.contains("(" + result.rule().equation() + ")"), message);
        assertTrue(message.contains("If this fails, check"), message);
    }

    @Test
    void atLeastTenMutantsAndTheyBreakDifferentRules() {
        List<Mutants.Mutant> all = Mutants.all();
        assertTrue(all.size() >= 10, "only " + all.size() + " mutants");
        long rules = all.stream().map(Mutants.Mutant::rule).distinct().count();
        assertTrue(rules >= 10, "the mutants break only " + rules + " distinct rules");
    }

    @Test
    void aCorrectEngineBehindTheSameWrapperPassesEverything() {
        Mutants.Mutant honest = new Mutants.Mutant("honest-wrapper", RuleBook.BP2, DelegatingEngine::new);
        List<RuleResult> results = new KitRunner(honest.provider(), Map.of()).runAll();
        List<String> failed = results.stream().filter(r -> r.status() != RuleResult.Status.PASS)
                .map(r -> r.rule().id() + ": " + r.message()).collect(Collectors.toList());
        assertTrue(failed.isEmpty(), String.join("\n", failed));
    }
}
