package dev.backprop.bench;

import java.util.List;

/**
 * The names of the engines this project ships, as their providers give them: the one place the
 * benchmarks, the run-level suite, the report and the tools name an engine. A stranger's engine is
 * measured by its own name where a command takes {@code --engine}. Constants, not an array, because
 * JMH's {@code @Param} needs each value as a constant expression.
 */
public final class EngineNames {
    /** engine-ref: plain arrays. */
    public static final String REF = "ref";
    /** engine-simd: the Vector API. */
    public static final String SIMD = "simd";
    /** engine-gpu-opencl: OpenCL through java.lang.foreign. */
    public static final String OPENCL = "opencl";
    /** All three, in the order the tables list them. */
    public static final List<String> ALL = List.of(REF, SIMD, OPENCL);

    private EngineNames() {
    }
}
