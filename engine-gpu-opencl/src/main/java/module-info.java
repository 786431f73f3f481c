/**
 * The OpenCL engine through {@code java.lang.foreign}, found by {@link dev.backprop.Engines} as the
 * provider named {@code opencl}. It calls native code, so start the JVM with
 * {@code --enable-native-access=dev.backprop.engine.opencl} on the module path
 * ({@code ALL-UNNAMED} on the class path).
 */
module dev.backprop.engine.opencl {
    requires dev.backprop.api;

    provides dev.backprop.spi.EngineProvider with dev.backprop.engine.opencl.OpenClEngineProvider;
}
