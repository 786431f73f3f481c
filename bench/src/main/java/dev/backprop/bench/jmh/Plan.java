package dev.backprop.bench.jmh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH run of {@link Suite}: which benchmark methods, with which parameters besides the
 * engine, in the quick and the full mode. Several plans per class let the suite measure the
 * shape × batch pairs of interest instead of JMH's full cross product of {@code @Param} values.
 *
 * @param name        a short label for the log
 * @param include     JMH's include pattern (a regex over benchmark names)
 * @param perEngine   whether the benchmark has an {@code engine} parameter
 * @param params      parameter values other than the engine, for the full mode
 * @param quickParams the same for the quick mode; null to leave the plan out of it
 * @param gcProfiler  whether to run it with JMH's GC profiler ({@code -prof gc})
 * @param singleShot  whether it measures one cold call per fork (then quick mode never adds warm-up)
 */
record Plan(String name, String include, boolean perEngine, Map<String, List<String>> params,
            Map<String, List<String>> quickParams, boolean gcProfiler, boolean singleShot) {

    static Map<String, List<String>> of(String... keyValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], List.of(keyValues[i + 1].split(",")));
        }
        return map;
    }

    /** The suite: every question of the bench module, in the order the report shows them. */
    static List<Plan> all() {
        return List.of(
                new Plan("FMA peak and best GEMM in Java", "PeakBenchmark", false, of(), of(), false, false),
                new Plan("gradient, the book's network", "GradientBenchmark", true,
                        of("shape", "784x30x10", "batch", "10"), of("shape", "784x30x10", "batch", "10"), false, false),
                new Plan("gradient, wider networks", "GradientBenchmark", true,
                        of("shape", "784x100x10,784x1024x1024x10", "batch", "10,100,1000"),
                        of("shape", "784x100x10", "batch", "10,100,1000"), false, false),
                new Plan("one SGD epoch", "EpochBenchmark", true,
                        of("shape", "784x30x10,784x100x10", "batch", "10"),
                        of("shape", "784x30x10", "batch", "10"), false, false),
                new Plan("each SPI operation", "OperationBenchmark", true,
                        of("layer", "784x100,1024x1024", "batch", "10,1000"),
                        of("layer", "784x100", "batch", "100"), false, false),
                new Plan("allocation per training step", "AllocationBenchmark", true,
                        of("shape", "784x30x10,784x100x10", "batch", "10,100"),
                        of("shape", "784x30x10", "batch", "10"), true, false),
                new Plan("chapter 3's optimiser steps: time and allocation", "OptimizerStepBenchmark", true,
                        of("rule", "sgd,sgd-l1,momentum,nesterov,adam,adamw,rmsprop,dropout"),
                        of("rule", "sgd,momentum,adam"), true, false),
                new Plan("inference: latency and throughput against ONNX Runtime", "InferenceBenchmark", false,
                        of("engine", "simd,ref,onnxruntime", "batch", "1,1000"),
                        of("engine", "simd,onnxruntime", "batch", "1,1000"), false, false),
                new Plan("engine open, warm", "EngineOpenBenchmark.openClose", true, of(), of(), false, false),
                new Plan("engine open, cold (first gradient in a fresh JVM)", "EngineOpenBenchmark.firstStep", true,
                        of(), of(), false, true));
    }
}
