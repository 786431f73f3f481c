package dev.backprop.engine.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The opened OpenCL library and the way its functions become method handles: {@link #open} tries
 * the names in order, {@link #bind} looks a symbol up and links a downcall with its C signature.
 * {@link Cl} and {@link ClQueries} bind the calls they make through it.
 *
 * <p>The library is opened into the global arena: an ICD loader cannot be unloaded safely while a
 * driver may still hold threads, so there is nothing to gain from a shorter arena.
 */
@SuppressWarnings("restricted") // libraryLookup and downcallHandle are restricted: native access is the point here
final class ClLibrary {
    /** The name that opened. */
    final String name;
    private final SymbolLookup lookup;
    private final Linker linker = Linker.nativeLinker();

    private ClLibrary(String name, SymbolLookup lookup) {
        this.name = name;
        this.lookup = lookup;
    }

    /**
     * The first library of {@code names} that opens.
     *
     * @throws IllegalArgumentException when none does, with each one's reason
     * @throws IllegalCallerException when the JVM denies native access (--illegal-native-access=deny)
     */
    static ClLibrary open(List<String> names) {
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            try {
                return new ClLibrary(name, SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (IllegalArgumentException e) {
                failures.add(e.getMessage());
            }
        }
        throw new IllegalArgumentException("no OpenCL library could be opened: " + String.join("; ", failures));
    }

    /** A downcall handle for the function {@code symbol} with the C signature {@code descriptor}. */
    MethodHandle bind(String symbol, FunctionDescriptor descriptor) {
        MemorySegment address = lookup.find(symbol).orElseThrow(() -> new IllegalArgumentException(
                "the OpenCL library has no symbol " + symbol + "; it is not an OpenCL 1.2 ICD loader"));
        return linker.downcallHandle(address, descriptor);
    }

    /** A downcall throws only what the JVM throws (out of memory, a denied native access); pass it on unwrapped. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("unexpected checked exception from a native call", t);
    }
}
