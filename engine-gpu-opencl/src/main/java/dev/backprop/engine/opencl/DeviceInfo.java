package dev.backprop.engine.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine needs to know about one OpenCL device, read once with {@code clGetDeviceInfo}.
 *
 * @param index position in the list of every device of every platform, for {@code -Dbackprop.opencl.device=INDEX}
 * @param platform the platform handle (for the context's properties)
 * @param device the device handle; root devices are not reference-counted, so it stays valid
 * @param maxWorkItemSizes the largest work-group extent in dimensions 0, 1, 2
 * @param fp64 whether kernels may use {@code double} (cl_khr_fp64): the cost is then summed in double
 * @param correctlyRoundedDivide whether {@code -cl-fp32-correctly-rounded-divide-sqrt} is allowed
 */
record DeviceInfo(int index, MemorySegment platform, String platformName, String platformVersion,
                  MemorySegment device, String name, long type, String version, String openClCVersion,
                  int computeUnits, long maxWorkGroupSize, long[] maxWorkItemSizes, long localMemory,
                  long globalMemory, long maxAllocation, boolean available, boolean compilerAvailable,
                  boolean fp64, boolean correctlyRoundedDivide) {

    boolean isGpu() {
        return (type & ClConstants.CL_DEVICE_TYPE_GPU) != 0;
    }

    boolean isAccelerator() {
        return (type & ClConstants.CL_DEVICE_TYPE_ACCELERATOR) != 0;
    }

    boolean isCpu() {
        return (type & ClConstants.CL_DEVICE_TYPE_CPU) != 0;
    }

    String typeName() {
        return isGpu() ? "GPU" : isAccelerator() ? "accelerator" : isCpu() ? "CPU" : "device type " + type;
    }

    /** "[0] PoCL / pthread-skylake (CPU)": the list of devices seen. */
    String brief() {
        return "[" + index + "] " + platformName + " / " + name + " (" + typeName() + ")";
    }

    /** One line for availability(): "[0] PoCL / pthread-skylake (CPU, OpenCL C 1.2, 2 compute units, 4 MiB local)". */
    String describe() {
        return "[" + index + "] " + platformName + " / " + name + " (" + typeName() + ", " + openClCVersion + ", "
                + computeUnits + " compute units, " + (localMemory >> 10) + " KiB local memory, "
                + (globalMemory >> 20) + " MiB global memory"
                + (available ? "" : ", NOT AVAILABLE") + (compilerAvailable ? "" : ", NO COMPILER") + ")";
    }

    /**
     * Every device of every platform, in platform order.
     *
     * @throws ClException when clGetPlatformIDs fails (-1001 when the ICD loader finds no driver)
     */
    static List<DeviceInfo> all(Cl cl) {
        List<DeviceInfo> devices = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            Cl.check(cl.query.getPlatformIDs(0, MemorySegment.NULL, count), "clGetPlatformIDs");
            int platforms = count.get(JAVA_INT, 0);
            if (platforms == 0) {
                return devices;
            }
            MemorySegment ids = arena.allocate(ADDRESS, platforms);
            Cl.check(cl.query.getPlatformIDs(platforms, ids, count), "clGetPlatformIDs");
            for (int p = 0; p < platforms; p++) {
                MemorySegment platform = ids.getAtIndex(ADDRESS, p);
                String platformName = platformString(cl, platform, ClConstants.CL_PLATFORM_NAME);
                String platformVersion = platformString(cl, platform, ClConstants.CL_PLATFORM_VERSION);
                int code = cl.query.getDeviceIDs(platform, ClConstants.CL_DEVICE_TYPE_ALL, 0, MemorySegment.NULL, count);
                if (code == ClConstants.CL_DEVICE_NOT_FOUND) {
                    continue; // a platform without devices is legal, not an error
                }
                Cl.check(code, "clGetDeviceIDs");
                int n = count.get(JAVA_INT, 0);
                MemorySegment deviceIds = arena.allocate(ADDRESS, n);
                Cl.check(cl.query.getDeviceIDs(platform, ClConstants.CL_DEVICE_TYPE_ALL, n, deviceIds, count), "clGetDeviceIDs");
                for (int d = 0; d < n; d++) {
                    devices.add(query(cl, devices.size(), platform, platformName, platformVersion,
                            deviceIds.getAtIndex(ADDRESS, d)));
                }
            }
        }
        return devices;
    }

    private static DeviceInfo query(Cl cl, int index, MemorySegment platform, String platformName, String platformVersion,
                                    MemorySegment device) {
        long[] itemSizes = new long[3];
        try (Arena arena = Arena.ofConfined()) {
            int dimensions = (int) number(cl, device, ClConstants.CL_DEVICE_MAX_WORK_ITEM_DIMENSIONS, 4);
            MemorySegment sizes = arena.allocate(JAVA_LONG, Math.max(dimensions, 3));
            Cl.check(cl.query.getDeviceInfo(device, ClConstants.CL_DEVICE_MAX_WORK_ITEM_SIZES, sizes.byteSize(), sizes,
                    MemorySegment.NULL), "clGetDeviceInfo(CL_DEVICE_MAX_WORK_ITEM_SIZES)");
            for (int i = 0; i < Math.min(dimensions, 3); i++) {
                itemSizes[i] = sizes.getAtIndex(JAVA_LONG, i);
            }
        }
        String extensions = deviceString(cl, device, ClConstants.CL_DEVICE_EXTENSIONS);
        long singleFp = number(cl, device, ClConstants.CL_DEVICE_SINGLE_FP_CONFIG, 8);
        return new DeviceInfo(index, platform, platformName, platformVersion, device,
                deviceString(cl, device, ClConstants.CL_DEVICE_NAME).strip(),
                number(cl, device, ClConstants.CL_DEVICE_TYPE, 8),
                deviceString(cl, device, ClConstants.CL_DEVICE_VERSION),
                deviceString(cl, device, ClConstants.CL_DEVICE_OPENCL_C_VERSION),
                (int) number(cl, device, ClConstants.CL_DEVICE_MAX_COMPUTE_UNITS, 4),
                number(cl, device, ClConstants.CL_DEVICE_MAX_WORK_GROUP_SIZE, 8),
                itemSizes,
                number(cl, device, ClConstants.CL_DEVICE_LOCAL_MEM_SIZE, 8),
                number(cl, device, ClConstants.CL_DEVICE_GLOBAL_MEM_SIZE, 8),
                number(cl, device, ClConstants.CL_DEVICE_MAX_MEM_ALLOC_SIZE, 8),
                number(cl, device, ClConstants.CL_DEVICE_AVAILABLE, 4) != 0,
                number(cl, device, ClConstants.CL_DEVICE_COMPILER_AVAILABLE, 4) != 0,
                (" " + extensions + " ").contains(" cl_khr_fp64 "),
                (singleFp & ClConstants.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0);
    }

    /** A cl_uint (4 bytes), cl_bool (4), cl_ulong / size_t / bitfield (8) device property. */
    private static long number(Cl cl, MemorySegment device, int param, int bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(8);
            Cl.check(cl.query.getDeviceInfo(device, param, bytes, value, MemorySegment.NULL),
                    "clGetDeviceInfo(0x" + Integer.toHexString(param) + ")");
            return bytes == 4 ? Integer.toUnsignedLong(value.get(JAVA_INT, 0)) : value.get(JAVA_LONG, 0);
        }
    }

    private static String deviceString(Cl cl, MemorySegment device, int param) {
        return string(cl.query::getDeviceInfo, "clGetDeviceInfo", device, param);
    }

    private static String platformString(Cl cl, MemorySegment platform, int param) {
        return string(cl.query::getPlatformInfo, "clGetPlatformInfo", platform, param).strip();
    }

    /** clGetDeviceInfo or clGetPlatformInfo: one signature, for a device or a platform. */
    private interface InfoCall {
        int get(MemorySegment object, int param, long size, MemorySegment value, MemorySegment sizeRet);
    }

    /** A string property of {@code object}, read through {@code info} (named {@code function} in an error). */
    private static String string(InfoCall info, String function, MemorySegment object, int param) {
        try (Arena arena = Arena.ofConfined()) {
            // Ask for the size first, then the bytes: no guessed buffer length can truncate a name.
            MemorySegment size = arena.allocate(JAVA_LONG);
            String call = function + "(0x" + Integer.toHexString(param) + ")";
            Cl.check(info.get(object, param, 0, MemorySegment.NULL, size), call);
            MemorySegment value = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
            Cl.check(info.get(object, param, value.byteSize(), value, MemorySegment.NULL), call);
            return value.getString(0);
        }
    }
}
