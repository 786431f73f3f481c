package dev.backprop.engine.opencl;

import dev.backprop.spi.Availability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link AvailabilityTest}: shows what discovery costs. Prints whether
 * libOpenCL is mapped into the process after the provider is constructed and asked its name and
 * priority, then after availability(), with the OpenCL objects that exist then (none: the probe
 * creates no context and builds nothing).
 */
public final class ChildProbe {
    private ChildProbe() {
    }

    public static void main(String[] args) throws IOException {
        OpenClEngineProvider provider = new OpenClEngineProvider();
        String name = provider.name();
        int priority = provider.priority();
        System.out.println("before name=" + name + " priority=" + priority + " mapped=" + libraryMapped()
                + " loaded=" + Cl.isLoaded());
        Availability availability = provider.availability();
        System.out.println("after available=" + availability.available() + " priority=" + provider.priority()
                + " mapped=" + libraryMapped() + " live=" + (Cl.isLoaded() ? Cl.load().liveObjects() : 0));
        System.out.println("detail=" + availability.detail());
    }

    /** Whether the dynamic linker has mapped any libOpenCL into this process (Linux). */
    static boolean libraryMapped() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(line -> line.contains("libOpenCL"));
    }
}
