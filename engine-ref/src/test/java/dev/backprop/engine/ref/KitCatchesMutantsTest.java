package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.tck.RuleIds;
import dev.backprop.tck.RuleResult;
import dev.backprop.tck.TckMain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kit's own test: each mutant of the reference engine carries one planted bug, and the kit
 * must fail the rule that names it, with a message that names the engine and the equation.
 * The mutants of the blind spots of issue 15 must also pass every rule the kit had before, which
 * is what shows that those rules could not see them. The unmutated reference engine passes
 * every rule (see {@link RefEngineTckTest}).
 */
class KitCatchesMutantsTest {

    /**
     * Whole runs of the kit, one per blind-spot mutant and one of a correct engine behind the same
     * wrapper, started together on all processors (they share nothing but the kit's cases), so the
     * tests below mostly wait for results that are already there.
     */
    private static ExecutorService pool;
    private static final Map<String, Future<List<RuleResult>>> WHOLE_RUNS = new ConcurrentHashMap<>();
    private static final Mutants.Mutant HONEST = new Mutants.Mutant("honest-wrapper", RuleIds.BP2, DelegatingEngine::new);

    @BeforeAll
    static void startWholeRuns() {
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        for (Mutants.Mutant mutant : Stream.concat(Stream.of(HONEST), BlindSpotMutants.all().stream()).toList()) {
            WHOLE_RUNS.put(mutant.name(), pool.submit(() -> TckMain.runRules(mutant.provider(), Map.of(),
                    TckMain.ruleIds())));
        }
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static List<RuleResult> wholeRun(Mutants.Mutant mutant) throws Exception {
        return WHOLE_RUNS.get(mutant.name()).get();
    }

    static List<Mutants.Mutant> mutants() {
        return Mutants.all();
    }

    static List<Mutants.Mutant> blindSpots() {
        return BlindSpotMutants.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void theKitFailsTheRuleThatNamesTheBug(Mutants.Mutant mutant) throws Exception {
        RuleResult result = WHOLE_RUNS.containsKey(mutant.name())
                ? wholeRun(mutant).stream().filter(r -> r.ruleId().equals(mutant.rule())).findFirst().orElseThrow()
                : TckMain.runRules(mutant.provider(), Map.of(), List.of(mutant.rule())).get(0);
        assertEquals(RuleResult.Status.FAIL, result.status(), mutant + " passed " + mutant.rule());
        String message = result.message();
        System.out.println(mutant + " caught: " + message);
        assertTrue(message.contains("engine " + mutant.name()), message);
        assertTrue(message.contains(mutant.rule()), message);
        assertTrue(message.contains("(" + result.equation() + ")"), message);
        assertTrue(message.contains("If this fails, check"), message);
    }

    /** Run over every rule, a blind-spot mutant fails exactly its listed rules, none of them older than issue 15. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("blindSpots")
    void aBlindSpotMutantPassesEveryEarlierRuleAndFailsOnlyTheNewOnes(Mutants.Mutant mutant) throws Exception {
        List<RuleResult> results = wholeRun(mutant);
        Set<String> failed = results.stream().filter(r -> r.status() != RuleResult.Status.PASS).map(RuleResult::ruleId)
                .collect(Collectors.toCollection(TreeSet::new));
        String messages = results.stream().filter(r -> r.status() != RuleResult.Status.PASS)
                .map(r -> r.ruleId() + ": " + r.message()).collect(Collectors.joining("\n"));
        Set<String> older = new TreeSet<>(failed);
        older.retainAll(BlindSpotMutants.BEFORE_ISSUE_15);
        assertTrue(older.isEmpty(), mutant + " fails rules the kit had before, so it shows no blind spot: " + older
                + "\n" + messages);
        assertEquals(new TreeSet<>(mutant.failsExactly()), failed, messages);
    }

    @Test
    void atLeastTenMutantsAndTheyBreakDifferentRules() {
        List<Mutants.Mutant> all = Mutants.all();
        assertTrue(all.size() >= 10, "only " + all.size() + " mutants");
        long rules = all.stream().map(Mutants.Mutant::rule).distinct().count();
        assertTrue(rules >= 10, "the mutants break only " + rules + " distinct rules");
    }

    /** Every rule added after the first 24 has a mutant that it catches and that the first 24 do not. */
    @Test
    void everyNewRuleHasAMutantOfItsOwn() {
        Set<String> newRules = new TreeSet<>(TckMain.ruleIds());
        BlindSpotMutants.BEFORE_ISSUE_15.forEach(newRules::remove);
        Set<String> caught = Mutants.all().stream().map(Mutants.Mutant::rule).collect(Collectors.toSet());
        newRules.removeAll(caught);
        assertTrue(newRules.isEmpty(), "new rules without a mutant of their own: " + newRules);
    }

    @Test
    void aCorrectEngineBehindTheSameWrapperPassesEverything() throws Exception {
        List<RuleResult> results = wholeRun(HONEST);
        List<String> failed = results.stream().filter(r -> r.status() != RuleResult.Status.PASS)
                .map(r -> r.ruleId() + ": " + r.message()).collect(Collectors.toList());
        assertTrue(failed.isEmpty(), String.join("\n", failed));
    }
}
