package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.bench.svg.SvgXml;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backprop report} on a results directory: a trimmed JMH file written by JMH 1.37 itself
 * (src/test/resources/jmh-sample.json) and small CSVs in the formats reproduce and the peers write.
 */
class ReportTest {
    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli();

    @Test
    void reportWritesEveryTableAndWellFormedCharts() throws Exception {
        Path results = Files.createDirectory(dir.resolve("results"));
        try (InputStream sample = getClass().getResourceAsStream("/jmh-sample.json")) {
            Files.copy(sample, results.resolve("jmh.json"));
        }
        Files.writeString(results.resolve("machine.txt"), """
                date: 2026-11-29 10:00 UTC
                mode: quick
                cpu: Test CPU (family 6, model 1)
                cores: 2
                jdk: Test JDK 25
                load-before: 1.00 0.50 0.25
                command: java -cp bench/target/benchmarks.jar dev.backprop.bench.jmh.Suite --quick
                load-after: 1.50 0.75 0.30
                """);
        Files.writeString(results.resolve("jmh.log"), "engine ref: measured\nengine simd: skipped, no engine named 'simd'\n");
        Files.writeString(results.resolve("reproduce.csv"), """
                experiment,engine,seed,epoch,accuracy,seconds
                ch1-30,ref,1,1,0.880000,0.410000
                ch1-30,ref,1,2,0.905000,0.400000
                """);
        Files.writeString(results.resolve("reproduce.properties"), "data=bundled\ntraining=8000\ntest=2000\nfullMnist=false\n");
        Files.writeString(results.resolve("peers-epochs.csv"), """
                experiment,engine,seed,epoch,accuracy,seconds
                ch1-30,numpy-batch/pip/1t,1,1,0.870000,0.090000
                ch1-30,numpy-batch/pip/1t,1,2,0.900000,0.080000
                """);
        Files.writeString(results.resolve("peers-throughput.csv"), """
                engine,benchmark,shape,batch,score,unit
                numpy-batch/pip/1t,gradient,784x30x10,10,175000.0,examples/s
                numpy-batch/pip/1t,gradient,784x100x10,10,104000.0,examples/s
                numpy-batch/pip/1t,gradient,784x100x10,100,165000.0,examples/s
                numpy-batch/pip/1t,sgemm,1024x1024x1024,,134.5,GFLOP/s
                """);
        Files.writeString(results.resolve("peers-env.txt"), "# header\nnumpy-batch/pip/1t: python 3.11 | numpy 2.4 | kernel SkylakeX\n");
        // Ratios 0.5, 0.7 and 0.9: median 0.70, quartiles (interpolated) 0.60 and 0.80.
        Files.writeString(results.resolve("paired.csv"), """
                pair,first,sgemm_gflops,engine,shape,batch,jvm,engine_gflops,ratio,blas_kernel,blas_named
                0,numpy,200.0,simd,784x1024x1024x10,1000,-,100.0,0.5000,Haswell,-
                1,engine,100.0,simd,784x1024x1024x10,1000,-,90.0,0.9000,Haswell,-
                2,numpy,150.0,simd,784x1024x1024x10,1000,-,105.0,0.7000,Haswell,-
                0,numpy,400.0,simd,784x1024x1024x10,1000,-,320.0,0.8000,SkylakeX,SkylakeX
                """);
        Path page = dir.resolve("RESULTS.md");

        assertEquals(Main.OK, cli.run("report", "--results", results.toString(), "--out", page.toString()),
                cli.err());
        String md = Files.readString(page);
        for (String part : List.of("# Benchmark results", "Test CPU (family 6, model 1), 2 cores", "## Commands",
                "Suite --quick", "## Gradient throughput", "numpy-batch/pip/1t", "(1.0×)", "### The machine's peak",
                "fmaPeak", "## One SGD epoch", "## The book's experiments", "## Each SPI operation",
                "## Allocation per training step", "## Engine open", "## The peers' environment", "kernel SkylakeX",
                "## Skipped", "simd", "## Large layers against the machine's own sgemm, paired",
                "| simd | [784, 1024, 1024, 10] | 1000 | none | Haswell (OpenBLAS's choice) | 3 | 150 | 100 | 0.70 (0.60–0.80) |",
                "| simd | [784, 1024, 1024, 10] | 1000 | none | SkylakeX (named) | 1 | 400 | 320 | 0.80 (0.80–0.80) |", "(results/throughput-784x100x10.svg)", "(results/accuracy.svg)")) {
            assertTrue(md.contains(part), "'" + part + "' missing in:\n" + md);
        }
        for (String svg : List.of("throughput-784x100x10.svg", "accuracy.svg", "epoch-time.svg")) {
            assertTrue(SvgXml.texts(SvgXml.parse(Files.readString(results.resolve(svg)))).size() > 5, svg);
        }
    }

    @Test
    void anEmptyOrMissingDirectoryIsAUsageError() {
        assertEquals(Main.USAGE, cli.run("report", "--results", dir.resolve("nope").toString()));
        assertTrue(cli.err().contains("no such directory"));
        assertEquals(Main.USAGE, cli.run("report", "--results", dir.toString()));
        assertTrue(cli.err().contains("holds no results"));
    }
}
