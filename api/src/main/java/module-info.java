/**
 * backprop's user API and engine SPI: build a network ({@link dev.backprop.Network}), train it
 * ({@link dev.backprop.Trainer}), run it ({@link dev.backprop.Predictor}), load data
 * ({@link dev.backprop.data}) and save models ({@link dev.backprop.io}). Engines are found with
 * {@link java.util.ServiceLoader} as providers of {@link dev.backprop.spi.EngineProvider}: put an
 * engine module on the module path (or its jar on the class path) and {@link dev.backprop.Engines}
 * finds it. No dependency beyond {@code java.base}.
 */
module dev.backprop.api {
    exports dev.backprop;
    exports dev.backprop.data;
    exports dev.backprop.io;
    exports dev.backprop.spi;

    uses dev.backprop.spi.EngineProvider;
}
