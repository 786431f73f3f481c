"""Which BLAS numpy (or torch) really runs, and with which kernel and how many threads.

threadpoolctl answers when it is installed (Debian: python3-threadpoolctl). Otherwise the
OpenBLAS library mapped into this process is asked directly through ctypes: the pip wheel's
copy has prefixed symbol names (scipy_openblas_get_corename64_), Debian's the plain ones.
"""
import ctypes
import os


def _mapped_openblas():
    paths = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                if "openblas" in os.path.basename(path).lower() and path not in paths:
                    paths.append(path)
    except OSError:
        pass
    return paths


def _call(lib, names, restype):
    for name in names:
        fn = getattr(lib, name, None)
        if fn is not None:
            fn.restype = restype
            value = fn()
            return value.decode() if isinstance(value, bytes) else value
    return None


def openblas():
    """One line per OpenBLAS library in this process: file, version/config, kernel, threads."""
    lines = []
    try:
        import threadpoolctl
        for info in threadpoolctl.threadpool_info():
            if info.get("internal_api") == "openblas":
                lines.append("%s: OpenBLAS %s, kernel %s, %s threads (%s), via threadpoolctl"
                             % (info.get("filepath"), info.get("version"), info.get("architecture"),
                                info.get("num_threads"), info.get("threading_layer")))
        if lines:
            return lines
    except ImportError:
        pass
    for path in _mapped_openblas():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        prefixes = ["", "scipy_"]
        suffixes = ["", "64_"]
        names = lambda base: [p + base + s for p in prefixes for s in suffixes]
        config = _call(lib, names("openblas_get_config"), ctypes.c_char_p)
        core = _call(lib, names("openblas_get_corename"), ctypes.c_char_p)
        threads = _call(lib, names("openblas_get_num_threads"), ctypes.c_int)
        lines.append("%s: %s, kernel %s, %s threads, via ctypes" % (path, config, core, threads))
    return lines or ["no OpenBLAS mapped into this process"]


def describe_numpy():
    import numpy as np
    np.ones((64, 64), dtype=np.float32) @ np.ones((64, 64), dtype=np.float32)  # loads the BLAS
    return ["numpy %s" % np.__version__] + openblas()


def describe_torch():
    import re
    import torch
    shown = torch.__config__.show()
    settings = re.findall(r"\b(BLAS_INFO=[^,]*|LAPACK_INFO=[^,]*|USE_MKLDNN=[^,]*|USE_OPENMP=[^,]*)", shown)
    capability = re.findall(r"CPU capability usage: (\S+)", shown)
    torch.ones(64, 64) @ torch.ones(64, 64)  # loads the BLAS
    head = "torch %s, %d intra-op threads, CPU capability %s, %s" % (
        torch.__version__, torch.get_num_threads(), capability[0] if capability else "?", " ".join(settings))
    return [head] + openblas()
