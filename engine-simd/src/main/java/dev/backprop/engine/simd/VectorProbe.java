package dev.backprop.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The first class to touch the Vector API; loaded only after the provider found the module.
 * Everything here is static and cheap, so asking for availability never starts threads or
 * compiles kernels.
 */
final class VectorProbe {
    private VectorProbe() {
    }

    /** Why the vector kernels would be useless here, or null when they are fine. */
    static String problem() {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        // A JVM without SIMD support (or with it switched off) offers 64-bit or scalar "vectors",
        // which the API then emulates element by element: slower than the reference engine.
        if (species.vectorBitSize() < 128) {
            return "the preferred float vector is only " + species.vectorBitSize()
                    + " bits wide here, so vector kernels would be emulated, not run on SIMD hardware";
        }
        return null;
    }

    /** "Vector API, 16 float lanes (512-bit)". */
    static String describe() {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        return "Vector API, " + species.length() + " float lanes (" + species.vectorBitSize() + "-bit)";
    }
}
