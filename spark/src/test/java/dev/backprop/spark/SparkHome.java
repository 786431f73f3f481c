package dev.backprop.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A stand-in for a Spark distribution's directory, made of the jars Maven resolved for this
 * module (target/spark-classpath.txt, written by the dependency plugin): {@code jars/} holds a
 * link to each, as {@code $SPARK_HOME/jars} does, which is where a Worker takes the class path
 * of the executors it launches. The backprop jars are not there: they reach the executors with
 * {@code spark.jars}, as a user's would.
 */
final class SparkHome {
    private final Path home;

    private SparkHome(Path home) {
        this.home = home;
    }

    /** This module's directory: {@code basedir} as Surefire and Failsafe set it, or {@code spark} from the repository root. */
    static Path module() {
        String basedir = System.getProperty("basedir");
        if (basedir != null) {
            return Path.of(basedir);
        }
        return Files.isDirectory(Path.of("spark", "target")) ? Path.of("spark") : Path.of(".");
    }

    /** (Re)creates {@code home} with a {@code jars/} of links to Spark's resolved jars. */
    static SparkHome prepare(Path home) throws IOException {
        Path list = module().resolve("target/spark-classpath.txt");
        if (!Files.isRegularFile(list)) {
            throw new IOException(list + " is missing; it is written by `./mvnw -pl spark -am verify` "
                    + "(maven-dependency-plugin, execution spark-classpath)");
        }
        deleteRecursively(home);
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : Files.readString(list).trim().split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
        }
        return new SparkHome(home.toAbsolutePath());
    }

    Path path() {
        return home;
    }

    /** {@code jars/*}, the class path of a Spark daemon. */
    String jarsGlob() {
        return home.resolve("jars") + File.separator + "*";
    }

    /** The java of this JVM: daemons and executors run on the same JDK as the tests. */
    String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** SPARK_HOME, JAVA_HOME, and loopback for everything a daemon binds. */
    void environment(Map<String, String> env) {
        env.put("SPARK_HOME", home.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_SCALA_VERSION", "2.13");
    }

    /** The directory or jar that holds {@code type}'s class file. */
    static String ownClasses(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The jars a user ships with {@code spark.jars}: backprop's api, this module's main classes and
     * the engines {@code engines} (artifact names such as "backprop-engine-ref"), taken from this
     * JVM's class path; a class directory (an IDE's run) is packed into a jar under {@code scratch}.
     */
    static List<String> backpropJars(Path scratch, String... engines) throws IOException {
        List<String> wanted = new ArrayList<>(List.of("backprop-api", "backprop-spark"));
        wanted.addAll(List.of(engines));
        List<String> jars = new ArrayList<>();
        String classPath = System.getProperty("java.class.path");
        for (String artifact : wanted) {
            String found = null;
            for (String entry : classPath.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                String name = p.getFileName().toString();
                if (name.startsWith(artifact + "-") && name.endsWith(".jar") && !name.endsWith("-tests.jar")) {
                    found = p.toAbsolutePath().toString();
                } else if (name.equals("classes") && p.getParent() != null
                        && moduleArtifact(p.getParent().getParent()).equals(artifact)) {
                    found = jar(p, scratch.resolve(artifact + ".jar")).toString();
                }
            }
            if (found == null) {
                throw new IOException(artifact + " is not on the class path " + classPath);
            }
            jars.add(found);
        }
        return jars;
    }

    /** "backprop-" + the module directory's name ("spark" → "backprop-spark"). */
    private static String moduleArtifact(Path module) {
        return module == null ? "" : "backprop-" + module.getFileName();
    }

    /** Packs a class directory into a jar. */
    private static Path jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return jar.toAbsolutePath();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
