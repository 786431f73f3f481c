package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an application sees when its class path holds fewer engines than it hoped, in a fresh JVM
 * started without any backprop flag: a sentence that says what to add, never a
 * {@link StackOverflowError}, and a logged warning when a faster engine is present but unusable.
 */
class ClassPathChoiceTest {
    @TempDir
    Path work;

    private static final String PROBE = """
            import dev.backprop.*;
            public class Probe {
                public static void main(String[] args) {
                    System.out.println(Engines.report());
                    try {
                        System.out.println("opened " + Engines.open().name());
                    } catch (RuntimeException e) {
                        System.out.println("refused " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                    Network network = Network.of(2, 3, 2);
                    dev.backprop.data.Dataset data = dev.backprop.data.Dataset.classification(
                            new float[] {0, 1, 1, 0}, 2, new int[] {0, 1}, 2);
                    try {
                        Trainer.builder().epochs(1).build().train(Parameters.zeros(network), data, null);
                        System.out.println("trained");
                    } catch (RuntimeException e) {
                        System.out.println("training refused " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
            }
            """;

    @Test
    void apiAloneSaysWhichEngineToAdd() throws Exception {
        String out = probe("dev.backprop.api");
        assertTrue(out.contains("no engine on the classpath; add dev.backprop:backprop-engine-ref"), out);
        assertTrue(out.contains("refused IllegalStateException: no backprop engine on the classpath"), out);
        assertTrue(out.contains("training refused IllegalStateException: no backprop engine on the classpath"), out);
        assertFalse(out.contains("StackOverflowError"), out);
    }

    @Test
    void simdWithoutItsFlagSaysHowToEnableIt() throws Exception {
        String out = probe("dev.backprop.api", "dev.backprop.engine.simd");
        assertTrue(out.contains("refused IllegalStateException: no available backprop engine"), out);
        assertTrue(out.contains("--add-modules=jdk.incubator.vector"), out);
    }

    @Test
    void simdWithoutItsFlagBesideRefFallsBackAndWarnsOnce() throws Exception {
        String out = probe("dev.backprop.api", "dev.backprop.engine.simd", "dev.backprop.engine.ref");
        assertTrue(out.contains("opened ref"), out);
        List<String> warnings = out.lines().filter(l -> l.startsWith("WARNING: backprop engine simd")).toList();
        assertEquals(1, warnings.size(), out);
        assertTrue(warnings.get(0).contains("is on the classpath but unavailable")
                && warnings.get(0).contains("--add-modules=jdk.incubator.vector")
                && warnings.get(0).contains("falling back to ref"), out);
    }

    /** Compiles and runs {@link #PROBE} with only the named modules' jars on the class path, no JVM flags. */
    private String probe(String... modules) throws Exception {
        List<String> entries = new ArrayList<>();
        for (String module : modules) {
            entries.add(locate(module).toString());
        }
        String classPath = String.join(File.pathSeparator, entries);
        Files.writeString(work.resolve("Probe.java"), PROBE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-cp", classPath, "-d", work.toString(),
                work.resolve("Probe.java").toString()));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", work + File.pathSeparator + classPath, "Probe")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** The class-path entry of this test that holds the named module. */
    private static Path locate(String module) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.exists(path)) {
                for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
                    if (ref.descriptor().name().equals(module)) {
                        return path;
                    }
                }
            }
        }
        throw new AssertionError(module + " is not on the test class path");
    }
}
