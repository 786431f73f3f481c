package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Predictor;
import dev.backprop.data.Mnist;
import dev.backprop.io.ModelFile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the README's {@code spark-submit} example as written against a loopback cluster. The
 * command is read from the README (between the {@code spark-submit:start} and {@code :end}
 * markers); only the master's address is replaced by the loopback cluster's. {@code spark-submit}
 * is a script around {@code org.apache.spark.deploy.SparkSubmit}: that class is run here the way
 * the script runs it in client mode ({@code java -cp $SPARK_HOME/jars/*}, the
 * {@code --driver-java-options} on the JVM's command line), from a directory that looks like the
 * repository root (links to its modules and data), so the example's relative paths hold and its
 * model file lands in target/.
 */
final class ReadmeExample {
    static final String MASTER_IN_README = "spark://127.0.0.1:7077";

    private ReadmeExample() {
    }

    static void run(LoopbackCluster cluster, Path scratch) throws IOException, InterruptedException {
        Path repository = SparkHome.module().toAbsolutePath().getParent();
        List<String> arguments = command(Files.readString(repository.resolve("README.md")));
        assertEquals("spark-submit", arguments.get(0), "the README's example starts with spark-submit");
        assertTrue(arguments.contains(MASTER_IN_README), "the README's example names the master " + MASTER_IN_README);

        SparkHome.deleteRecursively(scratch);
        Files.createDirectories(scratch);
        for (String entry : List.of("api", "engine-ref", "engine-simd", "spark", "data")) {
            Files.createSymbolicLink(scratch.resolve(entry), repository.resolve(entry));
        }
        List<String> command = new ArrayList<>(List.of(cluster.home().java(), "-Xmx1g"));
        int options = arguments.indexOf("--driver-java-options");
        if (options >= 0) {
            command.addAll(List.of(arguments.get(options + 1).split(" ")));
        }
        command.addAll(List.of("-cp", cluster.home().jarsGlob() + File.pathSeparator + SparkHome.ownClasses(ParentWatch.class),
                ParentWatch.class.getName(), "org.apache.spark.deploy.SparkSubmit"));
        for (String argument : arguments.subList(1, arguments.size())) {
            command.add(argument.equals(MASTER_IN_README) ? cluster.masterUrl() : argument);
        }
        Path log = scratch.resolve("spark-submit.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        cluster.home().environment(builder.environment());
        Process submit = builder.start();
        try {
            assertTrue(submit.waitFor(240, TimeUnit.SECONDS), "spark-submit did not finish in 240 s; see " + log);
        } finally {
            submit.descendants().forEach(ProcessHandle::destroyForcibly);
            submit.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(0, submit.exitValue(), "spark-submit failed:\n" + output);
        assertTrue(output.contains("done     test accuracy"), output);

        String saved = arguments.get(arguments.indexOf("--save") + 1);
        Mnist.Split mnist = Mnist.load(repository.resolve("data/mnist10k"));
        try (Predictor predictor = Predictor.open(ModelFile.load(scratch.resolve(saved)).parameters())) {
            double accuracy = predictor.evaluate(mnist.test()).accuracy().getAsDouble();
            System.out.printf("README example: the saved model classifies %.2f %% of the test digits%n", 100 * accuracy);
            assertTrue(accuracy > 0.80, "the README example's model learned nothing like the book's network: " + accuracy);
        }
    }

    /** The words of the command between the markers, continuation lines joined. */
    static List<String> command(String readme) {
        int start = readme.indexOf("<!-- spark-submit:start -->");
        int end = readme.indexOf("<!-- spark-submit:end -->");
        if (start < 0 || end < start) {
            throw new IllegalStateException("README.md has no <!-- spark-submit:start --> … <!-- spark-submit:end --> block");
        }
        String block = readme.substring(start, end);
        String code = block.substring(block.indexOf("```sh") + "```sh".length(), block.lastIndexOf("```"));
        List<String> words = new ArrayList<>();
        for (String word : code.replace("\\\n", " ").trim().split("\\s+")) {
            words.add(word);
        }
        return words;
    }
}
