package dev.backprop.engine.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An OpenCL context on one device with one in-order command queue. In-order means every command
 * sees the results of the ones enqueued before it, so the engine never has to wait between kernels;
 * it blocks only where the host needs a result (a read) or must reuse host memory (see
 * {@code OpenClEngine.write}).
 */
final class ClContext implements AutoCloseable {
    final Cl cl;
    final DeviceInfo device;
    final MemorySegment context;
    final MemorySegment queue;
    private boolean closed;

    private ClContext(Cl cl, DeviceInfo device, MemorySegment context, MemorySegment queue) {
        this.cl = cl;
        this.device = device;
        this.context = context;
        this.queue = queue;
    }

    /** @throws ClException naming clCreateContext or clCreateCommandQueue; nothing is left behind */
    static ClContext create(Cl cl, DeviceInfo device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment error = arena.allocate(JAVA_INT);
            // {CL_CONTEXT_PLATFORM, platform, 0}: with several drivers installed, the ICD loader
            // dispatches on this, not on a guess.
            MemorySegment properties = arena.allocate(JAVA_LONG, 3);
            properties.setAtIndex(JAVA_LONG, 0, ClConstants.CL_CONTEXT_PLATFORM);
            properties.setAtIndex(JAVA_LONG, 1, device.platform().address());
            properties.setAtIndex(JAVA_LONG, 2, 0L);
            MemorySegment devices = arena.allocateFrom(ADDRESS, device.device());
            MemorySegment context = cl.createContext(properties, devices, error);
            Cl.check(error, "clCreateContext");
            cl.created(context);
            MemorySegment queue = cl.createCommandQueue(context, device.device(), error);
            if (error.get(JAVA_INT, 0) != ClConstants.CL_SUCCESS) {
                int code = error.get(JAVA_INT, 0);
                cl.releaseContext(context);
                throw new ClException("clCreateCommandQueue", code);
            }
            cl.created(queue);
            return new ClContext(cl, device, context, queue);
        }
    }

    /** Waits until every enqueued command has finished. */
    void finish() {
        Cl.check(cl.finish(queue), "clFinish");
    }

    /** Finishes pending work, then releases the queue and the context; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        int finished = cl.finish(queue);
        int queueReleased = cl.releaseCommandQueue(queue);
        int contextReleased = cl.releaseContext(context);
        Cl.check(finished, "clFinish");
        Cl.check(queueReleased, "clReleaseCommandQueue");
        Cl.check(contextReleased, "clReleaseContext");
    }
}
