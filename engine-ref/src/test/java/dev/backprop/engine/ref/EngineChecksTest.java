package dev.backprop.engine.ref;

import dev.backprop.tck.EngineChecks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Engines;
import dev.backprop.Network;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The checks themselves: a working engine passes them, and the same engine with one bug planted
 * (through a proxy that changes what one method does) fails the check that is meant to catch it,
 * with a message that says where.
 */
class EngineChecksTest {
    /** The reference engine, the only one on this module's class path (as a test dependency). */
    private static Engine working() {
        return Engines.load().choose("ref").open();
    }

    /** A call the proxy passes on, or changes: the method, its arguments, and the working engine. */
    @FunctionalInterface
    private interface Plant {
        Object call(Method method, Object[] args, Engine inner) throws Exception;
    }

    /** {@code working()} with {@code plant} deciding each call; most plants pass most calls on. */
    private static Engine planted(Plant plant) {
        Engine inner = working();
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    try {
                        return plant.call(method, args == null ? new Object[0] : args, inner);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Object pass(Method method, Object[] args, Engine inner) throws Exception {
        return method.invoke(inner, args);
    }

    /** Adds {@code delta} to element 0 of the matrix argument {@code index} after the call. */
    private static Plant nudge(String target, int index, float delta) {
        return (method, args, inner) -> {
            Object result = pass(method, args, inner);
            if (method.getName().equals(target)) {
                float[] v = values(inner, args[index]);
                v[0] += delta;
                inner.write((Matrix) args[index], v);
            }
            return result;
        };
    }

    private static float[] values(Engine inner, Object matrix) {
        float[] v = new float[((Matrix) matrix).size()];
        inner.read((Matrix) matrix, v);
        return v;
    }

    private static String failure(Function<EngineChecks, Object> check, Engine engine) {
        AssertionError e = assertThrows(AssertionError.class, () -> check.apply(new EngineChecks(engine)));
        return e.getMessage();
    }

    @Test
    void aWorkingEnginePassesEveryCheck() {
        try (Engine engine = working()) {
            EngineChecks checks = new EngineChecks(engine);
            double worst = Math.max(checks.feedforward(Activations.SOFTMAX, 7, 33, 10, 1),
                    Math.max(checks.backpropagate(Activations.TANH, 7, 10, 33, 2), checks.weightGradient(7, 10, 33, 3)));
            worst = Math.max(worst, checks.outputError(Costs.QUADRATIC, EngineChecks.CUSTOM_ACTIVATION, 7, 10, 4));
            worst = Math.max(worst, checks.cost(EngineChecks.CUSTOM_COST, Activations.SIGMOID, 7, 10, 5));
            worst = Math.max(worst, checks.gradient(Network.of(5, 6, 3), 4, 6));
            worst = Math.max(worst, checks.step(Network.of(5, 6, 3), 4, 0.5f, 0.01f, 7));
            assertTrue(worst <= 1, "worst |error| / tolerance " + worst);
            assertTrue(checks.updateRoundsAsJava(5, 4, 3f, 1e-4f, 8) == 20);
            assertTrue(checks.refusals() > 60);
            try (Engine other = working()) {
                assertTrue(checks.foreignMatrices(other) > 0);
            }
        }
        assertTrue(new EngineChecks(working()).afterClose() > 0);
    }

    @Test
    void aWrongElementIsNamedWithTheOracleAndTheTolerance() {
        String message = failure(c -> c.feedforward(Activations.SIGMOID, 3, 4, 5, 1), planted(nudge("feedforward", 3, 1e-3f)));
        assertTrue(message.contains("z[0] (row 0, col 0): oracle"), message);
        message = failure(c -> c.gradient(Network.of(5, 6, 3), 4, 6), planted(nudge("weightGradient", 2, 1e-3f)));
        assertTrue(message.contains("gradW (BP4)"), message);
    }

    @Test
    void anElementLeftUnwrittenFails() {
        Plant skipsTheLastBias = (method, args, inner) -> {
            if (!method.getName().equals("biasGradient")) {
                return pass(method, args, inner);
            }
            float last = values(inner, args[1])[((Matrix) args[1]).size() - 1];
            pass(method, args, inner);
            float[] written = values(inner, args[1]);
            written[written.length - 1] = last;
            inner.write((Matrix) args[1], written);
            return null;
        };
        String message = failure(c -> c.biasGradient(9, 4, 1), planted(skipsTheLastBias));
        assertTrue(message.contains("gradB[3]") && message.contains("engine NaN"), message);
    }

    @Test
    void aSecondRunWithOtherBitsFails() {
        int[] calls = {0};
        Plant drifts = (method, args, inner) -> {
            Object result = pass(method, args, inner);
            return method.getName().equals("cost") ? (double) result + (calls[0]++ == 1 ? 1e-12 : 0) : result;
        };
        String message = failure(c -> c.cost(Costs.QUADRATIC, Activations.SIGMOID, 5, 3, 1), planted(drifts));
        assertTrue(message.contains("run twice"), message);
    }

    @Test
    void aModifiedInputFails() {
        String message = failure(c -> c.backpropagate(Activations.RELU, 3, 4, 5, 1), planted(nudge("backpropagate", 2, 0.5f)));
        assertTrue(message.contains("input before and after the call") && message.contains("z["), message);
    }

    @Test
    void anUpdateWithAFusedMultiplyAddIsNotJavasRounding() {
        Plant fused = (method, args, inner) -> {
            if (!method.getName().equals("update")) {
                return pass(method, args, inner);
            }
            float[] p = values(inner, args[0]);
            float[] g = values(inner, args[1]);
            float eta = (float) args[2];
            float keep = 1 - (float) args[3];
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.fma(-eta, g[i], keep * p[i]);
            }
            inner.write((Matrix) args[0], p);
            return null;
        };
        String message = failure(c -> c.updateRoundsAsJava(31, 17, 3f, 1e-4f, 1), planted(fused));
        assertTrue(message.contains("as Java rounds"), message);
    }

    @Test
    void otherWordsForARefusalFail() {
        Plant ownWords = (method, args, inner) -> {
            try {
                return pass(method, args, inner);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof IllegalArgumentException ? new InvocationTargetException(
                        new IllegalArgumentException("bad shape")) : e;
            }
        };
        String message = failure(EngineChecks::refusals, planted(ownWords));
        assertTrue(message.contains("got java.lang.IllegalArgumentException: bad shape"), message);
    }
}
