package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@link Optimizer#of}: the one map from a rule's name to the rule, shared by the command lines and spark. */
class OptimizerLookupTest {

    @Test
    void everyIdNamesItsOwnRule() {
        for (String id : List.of("sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop")) {
            assertEquals(id, Optimizer.of(id, (name, standard) -> standard).id());
        }
    }

    @Test
    void standardValuesAreTheFactoriesDefaults() {
        assertEquals(Optimizer.adam().toString(), Optimizer.of("adam", (name, standard) -> standard).toString());
        assertEquals(Optimizer.adamW(0.01).toString(), Optimizer.of("adamw", (name, standard) -> standard).toString());
        assertEquals(Optimizer.rmsProp().toString(), Optimizer.of("rmsprop", (name, standard) -> standard).toString());
        assertEquals("momentum(μ = 0.9)", Optimizer.of("momentum", (name, standard) -> standard).toString());
    }

    @Test
    void eachRuleAsksForItsOwnHyperParametersOnly() {
        Map<String, Double> given = Map.of("momentum", 0.5, "beta1", 0.8, "beta2", 0.99, "epsilon", 1e-6,
                "weight-decay", 0.02, "rho", 0.7);
        assertEquals(List.of(), asked("sgd", given));
        assertEquals(List.of("momentum"), asked("momentum", given));
        assertEquals(List.of("momentum"), asked("nesterov", given));
        assertEquals(List.of("beta1", "beta2", "epsilon"), asked("adam", given));
        assertEquals(List.of("beta1", "beta2", "epsilon", "weight-decay"), asked("adamw", given));
        assertEquals(List.of("rho", "epsilon"), asked("rmsprop", given));

        assertEquals("nesterov(μ = 0.5)", Optimizer.of("nesterov", (name, standard) -> given.get(name)).toString());
        Adam adamW = (Adam) Optimizer.of("adamw", (name, standard) -> given.get(name));
        assertEquals(List.of(0.8, 0.99, 1e-6, 0.02), List.of(adamW.beta1(), adamW.beta2(), adamW.epsilon(), adamW.weightDecay()));
        RmsProp rmsProp = (RmsProp) Optimizer.of("rmsprop", (name, standard) -> given.get(name));
        assertEquals(List.of(0.7, 1e-6), List.of(rmsProp.rho(), rmsProp.epsilon()));
    }

    @Test
    void anUnknownIdIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizer.of("adagrad", (name, standard) -> standard));
        assertEquals("the optimizer must be sgd, momentum, nesterov, adam, adamw or rmsprop, got 'adagrad'", e.getMessage());
    }

    @Test
    void aValueTheRuleRefusesIsRefusedByTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizer.of("momentum", (name, standard) -> 1.0));
        assertEquals("the momentum coefficient μ must be in [0, 1), got 1.0", e.getMessage());
    }

    private static List<String> asked(String id, Map<String, Double> given) {
        List<String> names = new ArrayList<>();
        Optimizer.of(id, (name, standard) -> {
            names.add(name);
            return given.get(name);
        });
        return names;
    }
}
