"""The engine's gradient against numpy's matrix product, in alternating slots:
  python3 paired.py --java JAVA --jar bench/target/benchmarks.jar [options]

The issue's yardstick for large layers is "the machine's own best single-precision matrix
multiply, measured in the same run". On a shared VM whose two vCPUs drift by a factor of two
within minutes, and whose speed also depends on what ran just before, two numbers taken minutes
apart do not make a ratio. So this script starts the Java side (PairedGradient) once, warms both
up, and then alternates slots of --seconds each: numpy's float32 n x n x n product back to back,
then the engine's gradient steps back to back, or the other way round (the order alternates, so
neither side always follows the other). Each slot gives its median time per call; each pair
gives a ratio; the summary is the median of the ratios.

OpenBLAS picks its kernel from the CPU model, and on a model it does not know falls back to an
older one (Debian's OpenBLAS 0.3.21 ran its SSE3 Prescott kernel on the Xeon of earlier runs); an
OPENBLAS_CORETYPE in the environment overrides the choice (the development machine's shell sets
Haswell, AVX2, half the speed of SkylakeX there; run-all.sh removes it). --openblas-core names
the kernel, so that the yardstick can be the machine's best product whatever the library guesses;
the kernel that ran, and whether it was named or chosen, are printed and written to the CSV.

--yardstick gradient replaces the product with numpy's own gradient of the same network and batch
(bench/peers/batch.py, float32, --threads BLAS threads): the same work on both sides, for a
shape where the question is "faster than numpy?" rather than "how close to the machine's peak?".
Its rows go to the CSV with sgemm_gflops holding numpy's gradient GFLOP/s (the same FLOP count).

Writes --csv rows: pair,first,sgemm_gflops,engine,shape,batch,jvm,engine_gflops,ratio,blas_kernel,blas_named,
yardstick,blas_threads (jvm: the extra --jvm-opt flags, "-" for none; blas_kernel: OpenBLAS's name for the
kernel it ran; blas_named: the --openblas-core asked for, "-" where OpenBLAS chose; yardstick: sgemm or
gradient; blas_threads: numpy's BLAS threads)
"""
import argparse
import os
import statistics
import subprocess
import sys

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--java", required=True, help="a JDK 25 java binary")
parser.add_argument("--jar", required=True, help="bench/target/benchmarks.jar")
parser.add_argument("--engine", default="simd")
parser.add_argument("--shape", default="784x1024x1024x10")
parser.add_argument("--batch", type=int, default=1000)
parser.add_argument("--threads", type=int, default=os.cpu_count(), help="BLAS threads (default: every CPU)")
parser.add_argument("--n", type=int, default=1024, help="sgemm size")
parser.add_argument("--pairs", type=int, default=20)
parser.add_argument("--seconds", type=float, default=1.5, help="length of one slot")
parser.add_argument("--warmup", type=float, default=5.0, help="seconds of warm-up on each side")
parser.add_argument("--jvm-opt", action="append", default=[],
                    help="an extra flag for the Java side, e.g. -XX:+UseTransparentHugePages; repeatable")
parser.add_argument("--openblas-core", help="OpenBLAS kernel to run (OPENBLAS_CORETYPE), e.g. SkylakeX or Haswell; "
                    "default: the one OpenBLAS picks for this CPU")
parser.add_argument("--yardstick", choices=["sgemm", "gradient"], default="sgemm",
                    help="numpy's n x n x n product (default), or numpy's gradient of the same network and batch")
parser.add_argument("--csv", help="file to append the pairs to (header written if new)")
args = parser.parse_args()
if args.openblas_core:
    os.environ["OPENBLAS_CORETYPE"] = args.openblas_core

# Before numpy loads: OpenBLAS reads its pool size once.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import time  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blasinfo  # noqa: E402


def kernel_name():
    """The kernel of the first OpenBLAS library in this process, as it names itself."""
    for line in blasinfo.openblas():
        if ", kernel " in line:
            return line.split(", kernel ", 1)[1].split(",", 1)[0].strip()
    return "unknown"

rng = np.random.default_rng(42)
a = rng.random((args.n, args.n)).astype(np.float32)
b = rng.random((args.n, args.n)).astype(np.float32)
sgemm_flop = 2.0 * args.n ** 3


if args.yardstick == "gradient":
    from batch import BatchNetwork
    sizes = [int(s) for s in args.shape.split("x")]
    net = BatchNetwork(sizes, "quadratic", "scaled", rng)
    gx = rng.random((args.batch, sizes[0])).astype(np.float32)
    gy = np.zeros((args.batch, sizes[-1]), dtype=np.float32)
    gy[np.arange(args.batch), np.arange(args.batch) % sizes[-1]] = 1

    def yardstick():
        net.gradient(gx, gy)
else:
    def yardstick():
        a @ b


def sgemm_slot(seconds):
    """Median GFLOP/s of back-to-back calls of the yardstick over one slot."""
    times = []
    end = time.perf_counter() + seconds
    while True:
        start = time.perf_counter()
        yardstick()
        now = time.perf_counter()
        times.append(now - start)
        if now >= end:
            return sgemm_flop / statistics.median(times) / 1e9


java = subprocess.Popen(
    [args.java, "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"] + args.jvm_opt + ["-cp", args.jar,
     "dev.backprop.bench.jmh.PairedGradient", args.engine, args.shape, str(args.batch), str(args.warmup)],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
ready = java.stdout.readline().split()
if len(ready) != 2 or ready[0] != "ready":
    sys.exit("paired.py: the Java side did not start: %s %s" % (" ".join(ready), java.stderr.read()))
step_flop = float(ready[1])
if args.yardstick == "gradient":
    sgemm_flop = step_flop  # the same network and batch: the same products' FLOP
sgemm_slot(args.warmup)


def engine_slot(seconds):
    java.stdin.write("run %s\n" % seconds)
    java.stdin.flush()
    answer = java.stdout.readline().split()
    if len(answer) != 2:
        sys.exit("paired.py: the Java side stopped: %s" % java.stderr.read())
    return step_flop / float(answer[0])  # flop per ns = GFLOP/s


np.ones((2, 2), dtype=np.float32) @ np.ones((2, 2), dtype=np.float32)  # loads the BLAS
kernel = kernel_name()
print("numpy %s, OpenBLAS kernel %s (%s), %d threads"
      % (np.__version__, kernel, "asked for " + args.openblas_core if args.openblas_core else "OpenBLAS's choice",
         args.threads), flush=True)

yardstick_name = ("gradient %s batch %d, %d threads" % (args.shape, args.batch, args.threads)
                  if args.yardstick == "gradient" else "sgemm %dx%dx%d" % (args.n, args.n, args.n))
rows = []
for pair in range(args.pairs):
    numpy_first = pair % 2 == 0
    if numpy_first:
        sgemm = sgemm_slot(args.seconds)
        engine = engine_slot(args.seconds)
    else:
        engine = engine_slot(args.seconds)
        sgemm = sgemm_slot(args.seconds)
    rows.append((pair, "numpy" if numpy_first else "engine", sgemm, engine, engine / sgemm))
    print("pair %2d (%s first): numpy %s %.1f GFLOP/s, %s %s batch %d %.1f GFLOP/s, ratio %.3f"
          % (pair, rows[-1][1], yardstick_name, sgemm, args.engine, args.shape, args.batch, engine,
             engine / sgemm), flush=True)
java.stdin.close()
java.wait()

ratios = sorted(r[4] for r in rows)
print("median over %d pairs: numpy %s %.1f GFLOP/s, %s %.1f GFLOP/s; ratio median %.3f (quartiles %.3f-%.3f)"
      % (len(rows), yardstick_name, statistics.median(r[2] for r in rows), args.engine, statistics.median(r[3] for r in rows),
         statistics.median(ratios), ratios[len(ratios) // 4], ratios[(3 * len(ratios)) // 4]))

if args.csv:
    new = not os.path.exists(args.csv)
    with open(args.csv, "a") as f:
        if new:
            f.write("pair,first,sgemm_gflops,engine,shape,batch,jvm,engine_gflops,ratio,blas_kernel,blas_named,"
                    "yardstick,blas_threads\n")
        jvm = " ".join(args.jvm_opt) or "-"
        for pair, first, sgemm, engine, ratio in rows:
            f.write("%d,%s,%.3f,%s,%s,%d,%s,%.3f,%.4f,%s,%s,%s,%d\n"
                    % (pair, first, sgemm, args.engine, args.shape, args.batch, jvm, engine, ratio, kernel,
                       args.openblas_core or "-", args.yardstick, args.threads))
