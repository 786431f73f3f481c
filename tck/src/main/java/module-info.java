/**
 * The engine compatibility kit: JUnit 5 rules that hold an engine to an independent
 * double-precision oracle ({@link dev.backprop.tck.EngineCompatibilityKit}), and a command-line
 * runner ({@link dev.backprop.tck.TckMain}).
 */
module dev.backprop.tck {
    requires transitive dev.backprop.api;
    requires transitive org.junit.jupiter.api;

    exports dev.backprop.tck;
    // JUnit finds and runs the kit's @Test methods reflectively.
    opens dev.backprop.tck to org.junit.platform.commons;

    uses dev.backprop.spi.EngineProvider;
}
