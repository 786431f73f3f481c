/**
 * The reference engine: plain float loops that read like the book, on any JVM 17+. Found by
 * {@link dev.backprop.Engines} as the provider named {@code ref}; nothing here is for direct use.
 */
module dev.backprop.engine.ref {
    requires dev.backprop.api;

    provides dev.backprop.spi.EngineProvider with dev.backprop.engine.ref.RefEngineProvider;
}
