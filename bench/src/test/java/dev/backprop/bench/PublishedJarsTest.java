package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What a company checks before adopting a jar: every published module ships its licence and
 * notice inside the jar, beside a sources and a javadoc jar, and the build declares the licence.
 * The jars exist once the reactor has packaged the modules ({@code ./mvnw verify} does so before
 * bench's tests); a build that stops at {@code test} has none, and this test says so and skips.
 */
class PublishedJarsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The modules bench depends on, so the reactor packages them first; spark is built after bench. */
    private static final List<String> PUBLISHED = List.of("api", "engine-ref", "engine-simd", "engine-gpu-opencl", "tck");

    @Test
    void everyPublishedJarCarriesItsLicenceAndNoticeBesideSourcesAndJavadoc() throws Exception {
        String version = version();
        List<String> problems = new ArrayList<>();
        for (String module : PUBLISHED) {
            Path target = ROOT.resolve(module).resolve("target");
            String artifact = "backprop-" + module + "-" + version;
            Path jar = target.resolve(artifact + ".jar");
            Assumptions.assumeTrue(Files.isRegularFile(jar), jar + " is not built: run ./mvnw verify (package comes before bench's tests)");
            try (JarFile file = new JarFile(jar.toFile())) {
                for (String entry : new String[] {"META-INF/LICENSE", "META-INF/NOTICE"}) {
                    if (file.getEntry(entry) == null) {
                        problems.add(jar.getFileName() + " has no " + entry);
                    }
                }
                String licence = new String(file.getInputStream(file.getEntry("META-INF/LICENSE")).readAllBytes());
                if (!licence.contains("Apache License") || !licence.contains("Version 2.0")) {
                    problems.add(jar.getFileName() + "'s LICENSE is not the Apache License 2.0");
                }
            }
            for (String classifier : new String[] {"sources", "javadoc"}) {
                if (!Files.isRegularFile(target.resolve(artifact + "-" + classifier + ".jar"))) {
                    problems.add(module + " has no " + classifier + " jar");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theBuildDeclaresTheApacheLicence() throws Exception {
        for (Path file : new Path[] {ROOT.resolve("pom.xml"), ROOT.resolve("bom/pom.xml")}) {
            // The BOM has no parent, so it declares the licence itself; every other module inherits it.
            String pom = Files.readString(file);
            int licenses = pom.indexOf("<licenses>");
            assertTrue(licenses > 0, file + " declares no <licenses>");
            String declared = pom.substring(licenses, pom.indexOf("</licenses>", licenses));
            assertTrue(declared.contains("<name>Apache-2.0</name>")
                    && declared.contains("https://www.apache.org/licenses/LICENSE-2.0.txt"), file + ": " + declared);
        }
    }

    private static String version() throws Exception {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        int parentEnd = pom.indexOf("</parent>");
        int from = pom.indexOf("<version>", Math.max(0, parentEnd));
        return pom.substring(from + "<version>".length(), pom.indexOf("</version>", from)).trim();
    }
}
