package dev.backprop.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/** The suite's plans name real benchmarks and real parameter values, and a dry run lists them. */
class PlanTest {
    @Test
    void everyPlanNamesABenchmarkClassAndValuesItsParamsAccept() throws Exception {
        for (Plan plan : Plan.all()) {
            String className = plan.include().split("\\.")[0];
            Class<?> benchmark = Class.forName(Plan.class.getPackageName() + "." + className);
            for (Map<String, List<String>> params : Arrays.asList(plan.params(), plan.quickParams())) {
                for (Map.Entry<String, List<String>> p : params.entrySet()) {
                    Param declared = param(benchmark, p.getKey());
                    assertNotNull(declared, className + "." + p.getKey() + " is not a @Param");
                    assertTrue(Arrays.asList(declared.value()).containsAll(p.getValue()),
                            plan.name() + ": " + p.getValue() + " not among " + Arrays.toString(declared.value()));
                }
            }
            if (plan.perEngine()) {
                assertTrue(Arrays.asList(param(benchmark, "engine").value()).containsAll(Suite.ENGINES), plan.name());
            }
        }
    }

    /** The @Param field {@code name} of the benchmark class or of one of its nested @State classes. */
    private static Param param(Class<?> benchmark, String name) {
        List<Class<?>> classes = new ArrayList<>(List.of(benchmark));
        classes.addAll(Arrays.asList(benchmark.getDeclaredClasses()));
        for (Class<?> c : classes) {
            for (Field f : c.getFields()) {
                if (f.getName().equals(name) && f.isAnnotationPresent(Param.class)) {
                    return f.getAnnotation(Param.class);
                }
            }
        }
        return null;
    }

    @Test
    void dryRunListsThePlanAndSaysWhyAnEngineIsSkipped() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Suite.main(new String[] {"--quick", "--dry-run", "--engines", "ref,cuda"});
        } finally {
            System.setOut(saved);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("engine ref: measured"), text);
        assertTrue(text.contains("engine cuda: skipped, no engine named 'cuda'"), text);
        assertTrue(text.contains("GradientBenchmark {shape=[784x100x10], batch=[10, 100, 1000]} engine=[ref]"), text);
        assertTrue(text.contains("AllocationBenchmark") && text.contains("-prof gc"), text);
        assertFalse(text.contains("784x1024x1024x10"), "the quick mode leaves the widest network out: " + text);
    }
}
