package dev.backprop.engine.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The questions the engine asks the OpenCL library, which create and release nothing: platforms,
 * devices and their properties, a program's build log and a kernel's work-group limit. Each
 * returns the raw {@code cl_int}; the {@code clGet*Info} calls follow OpenCL's two-step pattern
 * (size first with a NULL value, then the value).
 */
final class ClQueries {
    private static final FunctionDescriptor INFO = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
    private static final FunctionDescriptor TWO_HANDLE_INFO =
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);

    private final MethodHandle getPlatformIDs;
    private final MethodHandle getPlatformInfo;
    private final MethodHandle getDeviceIDs;
    private final MethodHandle getDeviceInfo;
    private final MethodHandle getProgramBuildInfo;
    private final MethodHandle getKernelWorkGroupInfo;

    ClQueries(ClLibrary library) {
        getPlatformIDs = library.bind("clGetPlatformIDs", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        getPlatformInfo = library.bind("clGetPlatformInfo", INFO);
        getDeviceIDs = library.bind("clGetDeviceIDs", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
        getDeviceInfo = library.bind("clGetDeviceInfo", INFO);
        getProgramBuildInfo = library.bind("clGetProgramBuildInfo", TWO_HANDLE_INFO);
        getKernelWorkGroupInfo = library.bind("clGetKernelWorkGroupInfo", TWO_HANDLE_INFO);
    }

    int getPlatformIDs(int entries, MemorySegment platforms, MemorySegment count) {
        try {
            return (int) getPlatformIDs.invokeExact(entries, platforms, count);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    int getPlatformInfo(MemorySegment platform, int param, long size, MemorySegment value, MemorySegment sizeRet) {
        return info(getPlatformInfo, platform, param, size, value, sizeRet);
    }

    int getDeviceIDs(MemorySegment platform, long type, int entries, MemorySegment devices, MemorySegment count) {
        try {
            return (int) getDeviceIDs.invokeExact(platform, type, entries, devices, count);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    int getDeviceInfo(MemorySegment device, int param, long size, MemorySegment value, MemorySegment sizeRet) {
        return info(getDeviceInfo, device, param, size, value, sizeRet);
    }

    int getProgramBuildInfo(MemorySegment program, MemorySegment device, int param, long size, MemorySegment value,
                            MemorySegment sizeRet) {
        return info(getProgramBuildInfo, program, device, param, size, value, sizeRet);
    }

    int getKernelWorkGroupInfo(MemorySegment kernel, MemorySegment device, int param, long size, MemorySegment value,
                               MemorySegment sizeRet) {
        return info(getKernelWorkGroupInfo, kernel, device, param, size, value, sizeRet);
    }

    /** A {@code clGet*Info} call about one object ({@link #INFO}). */
    private static int info(MethodHandle call, MemorySegment object, int param, long size, MemorySegment value,
                            MemorySegment sizeRet) {
        try {
            return (int) call.invokeExact(object, param, size, value, sizeRet);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }

    /** A {@code clGet*Info} call about an object on a device ({@link #TWO_HANDLE_INFO}). */
    private static int info(MethodHandle call, MemorySegment object, MemorySegment device, int param, long size,
                            MemorySegment value, MemorySegment sizeRet) {
        try {
            return (int) call.invokeExact(object, device, param, size, value, sizeRet);
        } catch (Throwable t) {
            throw ClLibrary.rethrow(t);
        }
    }
}
