package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backprop as real JPMS modules: the README's example, compiled as a module that requires only
 * {@code dev.backprop.api}, runs from the module path with the engines as service providers and
 * no class path at all. Service binding resolves the engine modules (and, through engine-simd's
 * {@code requires}, {@code jdk.incubator.vector}), so no {@code --add-modules} is needed.
 */
class ModulePathTest {
    @TempDir
    Path work;

    @Test
    void readmeExampleRunsFromTheModulePath() throws Exception {
        Map<String, Path> modules = backpropModules();
        assertEquals(List.of("dev.backprop.api", "dev.backprop.engine.opencl", "dev.backprop.engine.ref",
                "dev.backprop.engine.simd", "dev.backprop.tck"), List.copyOf(modules.keySet()),
                "every published jar is a named module");

        String code = ReadmePrograms.code("example");
        Path sources = Files.createDirectories(work.resolve("src"));
        Files.writeString(sources.resolve("Example.java"), "package example;\n" + code);
        Files.writeString(sources.resolve("module-info.java"), "module example { requires dev.backprop.api; }\n");
        Path classes = work.resolve("classes");
        String modulePath = String.join(File.pathSeparator, modules.values().stream().map(Path::toString).toList());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "--release", "17", "--module-path", modulePath, "-d", classes.toString(),
                sources.resolve("module-info.java").toString(), sources.resolve("Example.java").toString());
        assertEquals(0, compiled, "the README example does not compile as a module");

        Path data = Path.of("..", "data", "mnist10k").toAbsolutePath().normalize();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--module-path", classes + File.pathSeparator + modulePath,
                "--enable-native-access=dev.backprop.engine.simd,dev.backprop.engine.opencl",
                "-Dbackprop.engine=simd", "--module", "example/example.Example", data.toString()));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the example did not finish in 2 minutes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("Epoch 1/1")), output);
        assertTrue(output.lines().anyMatch(l -> l.matches("first test digit: label \\d, network says \\d")), output);
        // Chosen by name, so the run proves that simd was found and usable with no --add-modules.
        assertTrue(output.contains("backprop engine simd: Vector API"), output);
        assertTrue(!output.contains("WARNING: A restricted method"), "native access was granted by module name: " + output);
    }

    @Test
    void theKitRunsFromTheModulePath() throws Exception {
        // The kit, its JUnit API and the reference engine as modules: TckMain finds the engine by
        // service binding through the kit's own 'uses'.
        List<String> path = new ArrayList<>(backpropModules().values().stream().map(Path::toString).toList());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.matches(".*(junit-jupiter-api|junit-platform-commons|opentest4j|apiguardian)[^/]*\\.jar")) {
                path.add(entry);
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path report = work.resolve("bp2.md");
        Process process = new ProcessBuilder(java, "--module-path", String.join(File.pathSeparator, path),
                "--add-modules", "dev.backprop.engine.ref", "--module", "dev.backprop.tck/dev.backprop.tck.TckMain",
                "--engine", "ref", "--rule", "required_bp2_errorBackwardsMatchesOracle", "--report", report.toString())
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the kit did not finish in 2 minutes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("PASS") && output.contains("required_bp2_errorBackwardsMatchesOracle"), output);
        assertTrue(Files.readString(report).contains("PASS"), Files.readString(report));
    }

    /** The class-path entries of this test that are backprop's named modules, by module name. */
    private static Map<String, Path> backpropModules() {
        Map<String, Path> modules = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                continue;
            }
            for (ModuleReference module : ModuleFinder.of(path).findAll()) {
                String name = module.descriptor().name();
                if (name.startsWith("dev.backprop.") && !module.descriptor().isAutomatic()) {
                    modules.put(name, path);
                }
            }
        }
        return modules;
    }
}
