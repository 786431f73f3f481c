package dev.backprop.engine.opencl;

/**
 * The numbers from the OpenCL 1.2 headers ({@code cl.h}, {@code cl_ext.h}) that the engine
 * passes or checks: error codes, info queries, flags. Names as in the headers, so that a reader
 * can look each one up in the specification.
 */
final class ClConstants {
    private ClConstants() {
    }

    static final int CL_SUCCESS = 0;
    static final int CL_DEVICE_NOT_FOUND = -1;
    static final int CL_PLATFORM_NOT_FOUND_KHR = -1001;

    static final int CL_PLATFORM_VERSION = 0x0901;
    static final int CL_PLATFORM_NAME = 0x0902;
    static final int CL_PLATFORM_VENDOR = 0x0903;

    static final long CL_DEVICE_TYPE_CPU = 1 << 1;
    static final long CL_DEVICE_TYPE_GPU = 1 << 2;
    static final long CL_DEVICE_TYPE_ACCELERATOR = 1 << 3;
    static final long CL_DEVICE_TYPE_ALL = 0xFFFFFFFFL;

    static final int CL_DEVICE_TYPE = 0x1000;
    static final int CL_DEVICE_MAX_COMPUTE_UNITS = 0x1002;
    static final int CL_DEVICE_MAX_WORK_ITEM_DIMENSIONS = 0x1003;
    static final int CL_DEVICE_MAX_WORK_GROUP_SIZE = 0x1004;
    static final int CL_DEVICE_MAX_WORK_ITEM_SIZES = 0x1005;
    static final int CL_DEVICE_MAX_MEM_ALLOC_SIZE = 0x1010;
    static final int CL_DEVICE_SINGLE_FP_CONFIG = 0x101B;
    static final int CL_DEVICE_GLOBAL_MEM_SIZE = 0x101F;
    static final int CL_DEVICE_LOCAL_MEM_SIZE = 0x1023;
    static final int CL_DEVICE_AVAILABLE = 0x1027;
    static final int CL_DEVICE_COMPILER_AVAILABLE = 0x1028;
    static final int CL_DEVICE_NAME = 0x102B;
    static final int CL_DEVICE_VERSION = 0x102F;
    static final int CL_DEVICE_EXTENSIONS = 0x1030;
    static final int CL_DEVICE_OPENCL_C_VERSION = 0x103D;

    static final long CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT = 1 << 7;
    static final long CL_CONTEXT_PLATFORM = 0x1084;
    static final int CL_PROGRAM_BUILD_LOG = 0x1183;
    static final int CL_KERNEL_WORK_GROUP_SIZE = 0x11B0;
    static final long CL_MEM_READ_WRITE = 1;
    static final int CL_TRUE = 1;
    static final int CL_FALSE = 0;
}
