package dev.backprop.engine.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A program built from OpenCL C source for the context's device, and the kernels made from it.
 * {@link #close()} releases the kernels, then the program.
 */
final class ClProgram implements AutoCloseable {
    private final ClContext context;
    private final MemorySegment program;
    private final List<MemorySegment> kernels = new ArrayList<>();
    private boolean closed;

    private ClProgram(ClContext context, MemorySegment program) {
        this.context = context;
        this.program = program;
    }

    /**
     * Compiles {@code source} with {@code options}.
     *
     * @throws ClException naming clBuildProgram and carrying the compiler's log when the source does
     *     not compile; the program object is released before it is thrown
     */
    static ClProgram build(ClContext context, String source, String options) {
        Cl cl = context.cl;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment error = arena.allocate(JAVA_INT);
            MemorySegment strings = arena.allocateFrom(ADDRESS, arena.allocateFrom(source));
            // lengths NULL: the string is NUL-terminated.
            MemorySegment program = cl.createProgramWithSource(context.context, 1, strings, MemorySegment.NULL, error);
            Cl.check(error, "clCreateProgramWithSource");
            cl.created(program);
            int code = cl.buildProgram(program, arena.allocateFrom(ADDRESS, context.device.device()),
                    arena.allocateFrom(options));
            if (code != ClConstants.CL_SUCCESS) {
                String log = buildLog(cl, program, context.device.device());
                cl.releaseProgram(program);
                throw new ClException("clBuildProgram", code, log);
            }
            return new ClProgram(context, program);
        }
    }

    /** The compiler's messages for the device; empty when the driver has none. */
    private static String buildLog(Cl cl, MemorySegment program, MemorySegment device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            if (cl.query.getProgramBuildInfo(program, device, ClConstants.CL_PROGRAM_BUILD_LOG, 0, MemorySegment.NULL, size)
                    != ClConstants.CL_SUCCESS) {
                return "(clGetProgramBuildInfo could not fetch the build log)";
            }
            MemorySegment log = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
            if (cl.query.getProgramBuildInfo(program, device, ClConstants.CL_PROGRAM_BUILD_LOG, log.byteSize(), log,
                    MemorySegment.NULL) != ClConstants.CL_SUCCESS) {
                return "(clGetProgramBuildInfo could not fetch the build log)";
            }
            return log.getString(0);
        }
    }

    /** Creates the kernel {@code name}; it is released with this program. */
    MemorySegment kernel(String name) {
        Cl cl = context.cl;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment error = arena.allocate(JAVA_INT);
            MemorySegment kernel = cl.createKernel(program, arena.allocateFrom(name), error);
            Cl.check(error, "clCreateKernel(" + name + ")");
            kernels.add(cl.created(kernel));
            return kernel;
        }
    }

    /** The largest work-group this compiled kernel runs with on the device (may be below the device's limit). */
    long maxWorkGroupSize(MemorySegment kernel) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_LONG);
            Cl.check(context.cl.query.getKernelWorkGroupInfo(kernel, context.device.device(), ClConstants.CL_KERNEL_WORK_GROUP_SIZE,
                    8, value, MemorySegment.NULL), "clGetKernelWorkGroupInfo(CL_KERNEL_WORK_GROUP_SIZE)");
            return value.get(JAVA_LONG, 0);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        int failed = ClConstants.CL_SUCCESS;
        String call = null;
        for (MemorySegment kernel : kernels) {
            int code = context.cl.releaseKernel(kernel);
            if (code != ClConstants.CL_SUCCESS && call == null) {
                failed = code;
                call = "clReleaseKernel";
            }
        }
        kernels.clear();
        int code = context.cl.releaseProgram(program);
        if (code != ClConstants.CL_SUCCESS && call == null) {
            failed = code;
            call = "clReleaseProgram";
        }
        if (call != null) {
            throw new ClException(call, failed);
        }
    }
}
