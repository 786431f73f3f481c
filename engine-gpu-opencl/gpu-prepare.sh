#!/usr/bin/env bash
# Builds here what gpu-check.sh needs on a GPU machine that has no Java and no network, into
# .gpu/ at the repository root (git-ignored): a jlink'd Java runtime, bench's benchmarks.jar
# (the api, every engine, the kit and its oracle checks, and the tools GpuCheck and
# GradientThroughput, which find the engines by name), and Debian's OpenCL ICD loader
# (libOpenCL.so.1 from ocl-icd-libopencl1) for a machine whose driver came without one.
# Never runs `mvn install`; builds with the reactor.
#
#   bash engine-gpu-opencl/gpu-prepare.sh          # then carry .gpu to the GPU machine
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/.gpu
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cd "$root"

echo "== building benchmarks.jar (reactor, tests compiled but not run)"
./mvnw -q -B -pl bench -am package -DskipTests

rm -rf "$out"
mkdir -p "$out/lib" "$out/native"

echo "== jlink runtime"
# java.management: the JVM's own MXBeans (harmless to carry; asked for by the plan).
# jdk.incubator.vector: the SIMD engine, measured beside the OpenCL one for scale.
"$JAVA_HOME/bin/jlink" --add-modules java.base,jdk.incubator.vector,jdk.unsupported,java.management \
  --strip-debug --no-man-pages --no-header-files --compress zip-9 --output "$out/jdk"

echo "== jars"
cp bench/target/benchmarks.jar "$out/lib/"

echo "== ICD loader from Debian's ocl-icd-libopencl1"
deb=$(ls /var/cache/apt/archives/ocl-icd-libopencl1_*_amd64.deb 2>/dev/null | head -1 || true)
if [[ -z $deb ]]; then
  (cd "$out" && apt-get download ocl-icd-libopencl1:amd64)
  deb=$(ls "$out"/ocl-icd-libopencl1_*_amd64.deb | head -1)
fi
echo "   from $deb"
tmp=$(mktemp -d)
dpkg -x "$deb" "$tmp"
cp -L "$tmp/usr/lib/x86_64-linux-gnu/libOpenCL.so.1" "$out/native/libOpenCL.so.1"
rm -rf "$tmp" "$out"/*.deb

echo "== sizes"
for d in "$out/jdk" "$out/lib" "$out/native" "$out"; do du -sh "$d"; done
