package dev.backprop.engine.opencl;

import static dev.backprop.engine.opencl.ClConstants.CL_FALSE;
import static dev.backprop.engine.opencl.ClConstants.CL_SUCCESS;
import static dev.backprop.engine.opencl.ClConstants.CL_TRUE;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand-written binding to the system's OpenCL library: only the calls the engine makes, each a
 * downcall handle with the C signature spelled out (OpenCL 1.2 headers, x86-64 / AArch64 LP64:
 * {@code size_t}, {@code cl_ulong} and {@code cl_bitfield} are 64-bit, {@code cl_int},
 * {@code cl_uint} and {@code cl_bool} 32-bit, every handle a pointer).
 *
 * <p>Methods return the raw {@code cl_int} (or the handle, with the error in an out-parameter), so
 * the caller decides which call to name in the {@link ClException}. Creating and releasing
 * objects goes through {@link #created} and {@link #released}, which keep a count of live OpenCL
 * objects: the leak test and {@code close()} rely on it.
 *
 * <p>The library is loaded once per JVM ({@link ClLibrary} opens it and binds the symbols); the
 * calls that only ask questions are in {@link ClQueries}, reached as {@link #query}.
 */
final class Cl {
    /** Tried in this order: the runtime soname first, then the development symlink. */
    static final List<String> LIBRARY_NAMES = List.of("libOpenCL.so.1", "libOpenCL.so");

    private static final FunctionDescriptor RELEASE = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor ENQUEUE_TRANSFER = FunctionDescriptor.of(JAVA_INT,
            ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);

    final String library;
    /** The calls that only ask (platforms, devices, build logs, work-group limits). */
    final ClQueries query;
    private final AtomicInteger live = new AtomicInteger();
    private final MethodHandle createContext;
    private final MethodHandle createCommandQueue;
    private final MethodHandle createProgramWithSource;
    private final MethodHandle buildProgram;
    private final MethodHandle createKernel;
    private final MethodHandle createBuffer;
    private final MethodHandle setKernelArg;
    private final MethodHandle enqueueNDRangeKernel;
    private final MethodHandle enqueueReadBuffer;
    private final MethodHandle enqueueWriteBuffer;
    private final MethodHandle waitForEvents;
    private final MethodHandle flush;
    private final MethodHandle finish;
    private final MethodHandle releaseEvent;
    private final MethodHandle releaseMemObject;
    private final MethodHandle releaseKernel;
    private final MethodHandle releaseProgram;
    private final MethodHandle releaseCommandQueue;
    private final MethodHandle releaseContext;

    private static volatile Cl loaded;

    /**
     * The binding, loading the library on the first call.
     *
     * @throws IllegalArgumentException when no library of {@link #LIBRARY_NAMES} can be opened
     * @throws IllegalCallerException when the JVM denies native access (--illegal-native-access=deny)
     */
    static Cl load() {
        Cl cl = loaded;
        if (cl == null) {
            synchronized (Cl.class) {
                cl = loaded;
                if (cl == null) {
                    cl = new Cl(LIBRARY_NAMES);
                    loaded = cl;
                }
            }
        }
        return cl;
    }

    /** Whether {@link #load()} has opened the library in this JVM. */
    static boolean isLoaded() {
        return loaded != null;
    }

    /** Binds the first library of {@code names} that opens; package-private so a test can name a missing one. */
    Cl(List<String> names) {
        ClLibrary b = ClLibrary.open(names);
        library = b.name;
        query = new ClQueries(b);
        createContext = b.bind("clCreateContext",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // The 1.2 entry point (deprecated in 2.0 but exported by every ICD loader and driver), so
        // that a 1.2-only platform works too; properties 0 = an in-order queue without profiling.
        createCommandQueue = b.bind("clCreateCommandQueue", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        createProgramWithSource = b.bind("clCreateProgramWithSource",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        buildProgram = b.bind("clBuildProgram",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        createKernel = b.bind("clCreateKernel", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        createBuffer = b.bind("clCreateBuffer", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS));
        setKernelArg = b.bind("clSetKernelArg", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS));
        enqueueNDRangeKernel = b.bind("clEnqueueNDRangeKernel", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        enqueueReadBuffer = b.bind("clEnqueueReadBuffer", ENQUEUE_TRANSFER);
        enqueueWriteBuffer = b.bind("clEnqueueWriteBuffer", ENQUEUE_TRANSFER);
        waitForEvents = b.bind("clWaitForEvents", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        flush = b.bind("clFlush", RELEASE);
        finish = b.bind("clFinish", RELEASE);
        releaseEvent = b.bind("clReleaseEvent", RELEASE);
        releaseMemObject = b.bind("clReleaseMemObject", RELEASE);
        releaseKernel = b.bind("clReleaseKernel", RELEASE);
        releaseProgram = b.bind("clReleaseProgram", RELEASE);
        releaseCommandQueue = b.bind("clReleaseCommandQueue", RELEASE);
        releaseContext = b.bind("clReleaseContext", RELEASE);
    }

    /** Throws a {@link ClException} naming {@code call} unless {@code code} is CL_SUCCESS. */
    static void check(int code, String call) {
        if (code != CL_SUCCESS) {
            throw new ClException(call, code);
        }
    }

    /** The error of a create call, read from its {@code errcode_ret} out-parameter. */
    static void check(MemorySegment errorSlot, String call) {
        check(errorSlot.get(JAVA_INT, 0), call);
    }

    /** A layout for a {@code size_t[n]} argument. */
    static MemoryLayout sizes(int n) {
        return MemoryLayout.sequenceLayout(n, JAVA_LONG);
    }

    // ---- Live-object bookkeeping: every create is followed by created(), every release by released().

    MemorySegment created(MemorySegment handle) {
        live.incrementAndGet();
        return handle;
    }

    /** OpenCL objects (contexts, queues, programs, kernels, buffers, events) created and not yet released. */
    int liveObjects() {
        return live.get();
    }

    private int released(int code) {
        if (code == CL_SUCCESS) {
            live.decrementAndGet();
        }
        return code;
    }

    // ---- Objects (each create returns NULL and sets *error on failure)

    MemorySegment createContext(MemorySegment properties, MemorySegment device, MemorySegment error) {
        try {
            return (MemorySegment) createContext.invokeExact(properties, 1, device, MemorySegment.NULL, MemorySegment.NULL, error);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    MemorySegment createCommandQueue(MemorySegment context, MemorySegment device, MemorySegment error) {
        try {
            return (MemorySegment) createCommandQueue.invokeExact(context, device, 0L, error);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    MemorySegment createProgramWithSource(MemorySegment context, int count, MemorySegment strings, MemorySegment lengths,
                                          MemorySegment error) {
        try {
            return (MemorySegment) createProgramWithSource.invokeExact(context, count, strings, lengths, error);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    int buildProgram(MemorySegment program, MemorySegment device, MemorySegment options) {
        try {
            return (int) buildProgram.invokeExact(program, 1, device, options, MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    MemorySegment createKernel(MemorySegment program, MemorySegment name, MemorySegment error) {
        try {
            return (MemorySegment) createKernel.invokeExact(program, name, error);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    MemorySegment createBuffer(MemorySegment context, long flags, long bytes, MemorySegment error) {
        try {
            return (MemorySegment) createBuffer.invokeExact(context, flags, bytes, MemorySegment.NULL, error);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    // ---- Work

    int setKernelArg(MemorySegment kernel, int index, long size, MemorySegment value) {
        try {
            return (int) setKernelArg.invokeExact(kernel, index, size, value);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    int enqueueNDRangeKernel(MemorySegment queue, MemorySegment kernel, int dimensions, MemorySegment global,
                             MemorySegment local) {
        try {
            return (int) enqueueNDRangeKernel.invokeExact(queue, kernel, dimensions, MemorySegment.NULL, global, local, 0,
                    MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    /** A read; blocking unless {@code event} is not NULL (then it receives the event to wait on). */
    int enqueueReadBuffer(MemorySegment queue, MemorySegment buffer, boolean blocking, long bytes, MemorySegment host,
                          MemorySegment event) {
        return transfer(enqueueReadBuffer, queue, buffer, blocking, bytes, host, event);
    }

    /** A write; blocking unless {@code event} is not NULL, as {@link #enqueueReadBuffer}. */
    int enqueueWriteBuffer(MemorySegment queue, MemorySegment buffer, boolean blocking, long bytes, MemorySegment host,
                           MemorySegment event) {
        return transfer(enqueueWriteBuffer, queue, buffer, blocking, bytes, host, event);
    }

    /** clEnqueueReadBuffer or clEnqueueWriteBuffer (one signature, {@code ENQUEUE_TRANSFER}) of {@code bytes} from offset 0. */
    private static int transfer(MethodHandle handle, MemorySegment queue, MemorySegment buffer, boolean blocking, long bytes,
                                MemorySegment host, MemorySegment event) {
        try {
            return (int) handle.invokeExact(queue, buffer, blocking ? CL_TRUE : CL_FALSE, 0L, bytes, host, 0,
                    MemorySegment.NULL, event);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    int waitForEvents(MemorySegment eventList) {
        try {
            return (int) waitForEvents.invokeExact(1, eventList);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    int flush(MemorySegment queue) {
        return call(flush, queue);
    }

    int finish(MemorySegment queue) {
        return call(finish, queue);
    }

    // ---- Release (each counts down the live objects)

    int releaseEvent(MemorySegment event) {
        return released(call(releaseEvent, event));
    }

    int releaseMemObject(MemorySegment buffer) {
        return released(call(releaseMemObject, buffer));
    }

    int releaseKernel(MemorySegment kernel) {
        return released(call(releaseKernel, kernel));
    }

    int releaseProgram(MemorySegment program) {
        return released(call(releaseProgram, program));
    }

    int releaseCommandQueue(MemorySegment queue) {
        return released(call(releaseCommandQueue, queue));
    }

    int releaseContext(MemorySegment context) {
        return released(call(releaseContext, context));
    }

    private static int call(MethodHandle handle, MemorySegment object) {
        try {
            return (int) handle.invokeExact(object);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

}
