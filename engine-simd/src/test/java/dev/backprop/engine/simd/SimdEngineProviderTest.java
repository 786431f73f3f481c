package dev.backprop.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Engines;
import dev.backprop.spi.Availability;
import dev.backprop.spi.EngineProvider;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.incubator.vector.FloatVector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The provider: name, priority, what availability says, the thread cap, and life without the module. */
class SimdEngineProviderTest {
    private final EngineProvider provider = new SimdEngineProvider();

    @AfterEach
    void clearProperty() {
        System.clearProperty(SimdEngineProvider.THREADS_PROPERTY);
    }

    /** 100: above the reference engine's 0 and OpenCL's 50 on a CPU device (bench's MainTest sees them together). */
    @Test
    void nameAndPriority() {
        assertEquals("simd", provider.name());
        assertEquals(100, provider.priority());
    }

    @Test
    void availabilitySaysLanesWidthAndThreads() {
        Availability availability = provider.availability();
        assertTrue(availability.available(), availability.detail());
        Matcher m = Pattern.compile("Vector API, (\\d+) float lanes \\((\\d+)-bit\\), (\\d+) threads?, (.*)").matcher(availability.detail());
        assertTrue(m.matches(), availability.detail());
        assertEquals(FloatVector.SPECIES_PREFERRED.length(), Integer.parseInt(m.group(1)));
        assertEquals(FloatVector.SPECIES_PREFERRED.vectorBitSize(), Integer.parseInt(m.group(2)));
        assertEquals(Runtime.getRuntime().availableProcessors(), Integer.parseInt(m.group(3)));
        // The tests run with --enable-native-access=ALL-UNNAMED (test.jvm.flags in the parent pom).
        assertEquals(SimdEngineProvider.ALIGNED, m.group(4));
    }

    @Test
    void threadsPropertyCapsTheThreads() {
        System.setProperty(SimdEngineProvider.THREADS_PROPERTY, "1");
        assertTrue(provider.availability().detail().contains(", 1 thread, "), provider.availability().detail());
        try (SimdEngine engine = (SimdEngine) provider.open()) {
            assertEquals(1, engine.threads());
        }
        // A cap above the processors does not add threads.
        System.setProperty(SimdEngineProvider.THREADS_PROPERTY, "1000");
        try (SimdEngine engine = (SimdEngine) provider.open()) {
            assertEquals(Runtime.getRuntime().availableProcessors(), engine.threads());
        }
        for (String bad : new String[] {"0", "-2", "two"}) {
            System.setProperty(SimdEngineProvider.THREADS_PROPERTY, bad);
            Availability availability = provider.availability();
            assertFalse(availability.available(), bad);
            assertEquals("system property backprop.simd.threads is '" + bad + "', not a thread count; set "
                    + "-Dbackprop.simd.threads to a whole number from 1 up, or leave it unset to use every processor",
                    availability.detail());
        }
    }

    /** The surefire executions "vector-256" and "vector-128" must really run at those widths. */
    @Test
    void vectorWidthIsAtMostTheForcedOne() {
        String forced = System.getProperty("backprop.test.maxVectorBits");
        Assumptions.assumeTrue(forced != null, "the default execution runs at the machine's own width");
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        assertTrue(bits <= Integer.parseInt(forced), "preferred vector " + bits + " bits, expected at most " + forced);
        System.out.println("simd engine tested at " + provider.availability().detail());
    }

    @Test
    void enginesPicksTheSimdEngine() {
        Assumptions.assumeTrue(System.getProperty(Engines.PROPERTY) == null && System.getenv(Engines.ENVIRONMENT) == null,
                "an engine is named explicitly");
        assertEquals("simd", Engines.load().choose().name());
    }

    /**
     * Without --add-modules the provider loads, says what to add, refuses to open, and Engines
     * does not count it available (docs/toolchain.md: a provider class names no vector type), in
     * a JVM started without the flag.
     */
    @Test
    void withoutTheModuleItIsUnavailableWithTheFlagToAdd() throws Exception {
        String output = child(List.of(), "availability");
        String detail = "module jdk.incubator.vector is not resolved; start the JVM with --add-modules=jdk.incubator.vector";
        assertTrue(output.contains("available=false\n"), output);
        assertTrue(output.contains("detail=" + detail + "\n"), output);
        assertTrue(output.contains("open=IllegalStateException: engine 'simd' is unavailable: " + detail + "\n"), output);
        assertTrue(output.contains("available engines=[]\n"), output);
    }

    /**
     * Without native access the engine is available and works, says how to align its rows, and
     * prints no warning about restricted methods (it does not call them).
     */
    @Test
    void withoutNativeAccessItWorksUnalignedAndSaysSoWithoutAWarning() throws Exception {
        String output = child(List.of("--add-modules=jdk.incubator.vector"), "availability");
        assertTrue(output.contains("available=true\n"), output);
        assertTrue(output.contains(", " + SimdEngineProvider.UNALIGNED + "\n"), output);
        assertTrue(output.contains("open=ok\n"), output);
        assertTrue(output.contains("aligned=false\n"), output);
        // The JVM's own "Using incubator modules" warning is expected; a restricted-method one is not.
        assertFalse(output.toLowerCase(java.util.Locale.ROOT).contains("restricted method"), output);
    }

    /**
     * The bits do not depend on the JIT tier: the interpreter (which runs the Vector API's Java
     * fallbacks) and C2 (which runs intrinsics) give the same outputs for every operation.
     */
    @Test
    void interpreterAndCompiledCodeGiveTheSameBits() throws Exception {
        // The children get this JVM's -XX options, so they run at the same vector width.
        List<String> options = new ArrayList<>(List.of("--add-modules=jdk.incubator.vector"));
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-XX:")) {
                options.add(argument);
            }
        }
        List<String> interpreter = new ArrayList<>(options);
        interpreter.add("-Xint");
        List<String> c2 = new ArrayList<>(options);
        c2.addAll(List.of("-Xcomp", "-XX:-TieredCompilation", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=compileonly,dev.backprop.engine.simd.*::*"));
        String interpreted = child(interpreter, "digest");
        String compiled = child(c2, "digest");
        assertTrue(interpreted.contains("digest="), interpreted);
        assertEquals(line(interpreted, "digest="), line(compiled, "digest="));
        // This JVM has native access and aligned matrices, the children have neither: same bits.
        assertEquals(line(interpreted, "digest="), "digest=" + ChildProbe.digest());
    }

    private static String line(String output, String prefix) {
        for (String line : output.split("\n")) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return output;
    }

    /** Runs ChildProbe in a new JVM on this test's class path, with {@code options}, and returns its output. */
    private static String child(List<String> options, String mode) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(classPath);
        command.add(ChildProbe.class.getName());
        command.add(mode);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        // Options from the environment could add the module or name an engine behind the test's back.
        environment.remove("JDK_JAVA_OPTIONS");
        environment.remove("JAVA_TOOL_OPTIONS");
        environment.remove(Engines.ENVIRONMENT);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "child JVM did not finish");
        String output = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
