#!/usr/bin/env bash
# On a machine with an NVIDIA GPU, no Java and no network: shows what OpenCL is installed, then
# runs the OpenCL engine's checks against the kit's double-precision oracle on the GPU
# (dev.backprop.bench.tools.GpuCheck, from bench's benchmarks.jar) and measures gradient
# throughput for [784,1024,1024,10] batch 1000 and [784,30,10] batch 10, beside the CPU engines.
# Needs .gpu/ from gpu-prepare.sh, carried with the working tree. Run from anywhere:
#
#   bash engine-gpu-opencl/gpu-check.sh                        # the GPU
#   BACKPROP_OPENCL_DEVICE=cpu bash engine-gpu-opencl/gpu-check.sh   # dry run on PoCL
#   USE_CARRIED_LOADER=1 ...        # use the carried libOpenCL.so.1 even where one is installed
#
# Budget: well under 5 minutes (the correctness part takes seconds on a GPU, plus the oracle's
# double sums on the CPU for the large layers; each throughput run SECONDS_PER_RUN, default 5,
# per available engine).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gpu=${GPU_DIR:-$root/.gpu}
device=${BACKPROP_OPENCL_DEVICE:-gpu}
seconds=${SECONDS_PER_RUN:-5}
java=$gpu/jdk/bin/java
if [[ ! -x $java ]]; then
  echo "no Java runtime at $java: run engine-gpu-opencl/gpu-prepare.sh first and carry .gpu" >&2
  exit 3
fi

echo "== machine"
uname -srm
nvidia-smi -L 2>/dev/null || echo "(no nvidia-smi)"
echo "== ls /usr/lib/x86_64-linux-gnu | grep -i opencl"
ls /usr/lib/x86_64-linux-gnu | grep -i opencl || echo "(nothing)"
echo "== ls /etc/OpenCL/vendors"
ls -l /etc/OpenCL/vendors 2>&1
for f in /etc/OpenCL/vendors/*.icd; do [[ -f $f ]] && echo "   $f -> $(cat "$f")"; done
echo "== ldconfig -p | grep -i opencl"
ldconfig -p 2>/dev/null | grep -i opencl || echo "(nothing)"

# The ICD loader: the system's if there is one, else the carried Debian build.
if [[ -z ${USE_CARRIED_LOADER:-} ]] && ldconfig -p 2>/dev/null | grep -q 'libOpenCL\.so\.1 '; then
  echo "ICD loader: the system's libOpenCL.so.1"
else
  echo "ICD loader: ${USE_CARRIED_LOADER:+forced to }the carried $gpu/native/libOpenCL.so.1"
  export LD_LIBRARY_PATH=$gpu/native${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi

# NVIDIA's ICD: if no vendor file names it, write one (plus copies of the existing ones) into a
# folder of our own and point the loader at it with OCL_ICD_VENDORS.
if ! grep -qs nvidia /etc/OpenCL/vendors/*.icd; then
  nvlib=$(ldconfig -p 2>/dev/null | awk '/libnvidia-opencl\.so\.1 /{print $NF; exit}')
  if [[ -z $nvlib ]]; then
    for d in /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/local/nvidia/lib64 /usr/lib/nvidia /usr/local/cuda/lib64; do
      [[ -e $d/libnvidia-opencl.so.1 ]] && nvlib=$d/libnvidia-opencl.so.1 && break
    done
  fi
  vendors=$(mktemp -d)
  cp /etc/OpenCL/vendors/*.icd "$vendors/" 2>/dev/null || true
  echo "${nvlib:-libnvidia-opencl.so.1}" > "$vendors/nvidia.icd"
  if [[ -n $nvlib ]]; then where=$nvlib; else where="libnvidia-opencl.so.1 (not found on disk, left to the dynamic linker)"; fi
  echo "NVIDIA ICD: none listed; wrote $vendors/nvidia.icd -> $where"
  export OCL_ICD_VENDORS=$vendors
fi

export POCL_CACHE_DIR=${POCL_CACHE_DIR:-$(mktemp -d)}
run() {
  timeout 270 "$java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -Dbackprop.opencl.device="$device" -cp "$gpu/lib/*" dev.backprop.bench.tools.GpuCheck "$@"
}
echo "== platforms, devices, the engine's choice (device=$device)"
if ! run "$seconds" platforms; then
  echo "== OpenCL unavailable; the ICD loader's own view (OCL_ICD_DEBUG=15):"
  OCL_ICD_DEBUG=15 run "$seconds" platforms 2>&1 | tail -40
  exit 2
fi
echo "== correctness against the oracle, then throughput"
run "$seconds"
rc=$?
echo "== gpu-check exit status $rc"
exit $rc
