package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The built-in constants must be usable whichever class a program touches first. (Interface
 * constants that referred to an enum implementing the interface read null when the enum was
 * initialised first; each order runs in a fresh JVM, where no class is initialised yet.)
 */
class InitialisationOrderTest {

    /** Touches the classes in the order given by its argument, then builds the chapter-3 network. */
    public static final class Probe {
        public static void main(String[] args) throws ClassNotFoundException {
            switch (args[0]) {
                case "enums-first" -> System.out.println(Costs.values().length + Activations.values().length);
                case "interfaces-first" -> {
                    // Initialises the interfaces themselves before anything touches the enums.
                    Class.forName(Cost.class.getName(), true, Probe.class.getClassLoader());
                    Class.forName(Activation.class.getName(), true, Probe.class.getClassLoader());
                    System.out.println(Costs.byId("quadratic").id() + Activations.byId("tanh").id());
                }
                default -> System.out.println(Network.of(2, 1));
            }
            Network n = Network.builder(4).layer(3, Activations.SIGMOID).layer(2, Activations.SOFTMAX)
                    .cost(Costs.LOG_LIKELIHOOD).build();
            System.out.println("built " + n);
        }
    }

    @Test
    void enumsFirst() throws Exception {
        assertBuilds("enums-first");
    }

    @Test
    void interfacesFirst() throws Exception {
        assertBuilds("interfaces-first");
    }

    @Test
    void networkFirst() throws Exception {
        assertBuilds("network-first");
    }

    private static void assertBuilds(String order) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName(), order)
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("built Network[4, 3 sigmoid, 2 softmax; cost log-likelihood]"), out);
    }
}
