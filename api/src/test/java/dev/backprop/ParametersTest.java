package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParametersTest {
    private final Network network = Network.of(400, 50, 10);

    @Test
    void sameSeedSameBitsOtherSeedOtherBits() {
        assertEquals(Parameters.initialize(network, Init.STANDARD_NORMAL, 7), Parameters.initialize(network, Init.STANDARD_NORMAL, 7));
        assertNotEquals(Parameters.initialize(network, Init.STANDARD_NORMAL, 7), Parameters.initialize(network, Init.STANDARD_NORMAL, 8));
    }

    @Test
    void standardNormalHasUnitVarianceAndScaledNormalOneOverFanIn() {
        double varianceStandard = variance(Parameters.initialize(network, Init.STANDARD_NORMAL, 3).weights(0));
        double varianceScaled = variance(Parameters.initialize(network, Init.SCALED_NORMAL, 3).weights(0));
        // 20,000 draws: the sample variance is within a few percent of the true one.
        assertEquals(1.0, varianceStandard, 0.05);
        assertEquals(1.0 / 400, varianceScaled, 0.05 / 400);
        double biasVariance = variance(Parameters.initialize(network, Init.SCALED_NORMAL, 3).biases(0));
        assertTrue(biasVariance > 0.5 && biasVariance < 1.6, "biases stay N(0,1): " + biasVariance);
    }

    @Test
    void ofChecksEveryLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Parameters.of(network, new float[][] {new float[400 * 50], new float[50 * 9]},
                        new float[][] {new float[50], new float[10]}));
        assertTrue(e.getMessage().contains("layer 3") && e.getMessage().contains("10×50") && e.getMessage().contains("450"),
                e.getMessage());
    }

    @Test
    void firstNonFiniteNamesTheValue() {
        Parameters p = Parameters.zeros(network);
        assertNull(p.firstNonFinite());
        p.biases(1)[4] = Float.NaN;
        assertEquals("biases of layer 3 [4] = NaN", p.firstNonFinite());
    }

    @Test
    void copyIsDeep() {
        Parameters p = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        Parameters c = p.copy();
        c.weights(0)[0] += 1;
        assertNotEquals(p, c);
    }

    /** Allocates the parameters of the network given as widths and prints what happened. */
    public static final class AllocationProbe {
        public static void main(String[] args) {
            int[] sizes = java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
            try {
                System.out.println("allocated " + Parameters.zeros(Network.of(sizes)).network().parameterCount());
            } catch (RuntimeException | Error e) {
                System.out.println(e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    @Test
    void parametersTheHeapCannotHoldAreRefusedBeforeAllocating() throws Exception {
        // 4000 × 4000 + 4000 × 4000 floats are 128 MB: more than a 64 MB heap may hold.
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaCommand, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                AllocationProbe.class.getName(), "4000", "4000", "4000").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(out.startsWith("java.lang.IllegalArgumentException: the 32008000 weights and biases of Network[4000, "),
                out);
        assertTrue(out.contains("MiB of heap") && out.contains("-Xmx"), out);
    }

    private static double variance(float[] values) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double s = 0;
        for (float v : values) {
            s += (v - mean) * (v - mean);
        }
        return s / values.length;
    }
}
