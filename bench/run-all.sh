#!/usr/bin/env bash
# Regenerates bench/RESULTS.md and the charts in bench/results/ in one go:
#   bench/run-all.sh --quick|--full [--data DIR] [--engines ref,simd,opencl] [--no-jmh] [--no-reproduce] [--no-peers] [--no-runs]
# --quick (about 4 minutes on 2 cores): JMH with 1 fork, 1 × 1 s warm-up, 2 × 1 s measurement and a
#         subset of shapes; the book's experiments for 3 epochs; peers on the same.
# --full  (about 40 minutes with ref alone): JMH as annotated, every shape and batch; 30 epochs (the book's),
#         three seeds for the Java engines.
# Steps: build the jars (./mvnw package, never install), record the machine, run the run-level
# suite (whole processes: time to a trained model, cold start, a busy neighbour; on Fashion-MNIST
# when dataset-fashion-mnist is installed), the JMH suite (JSON), `backprop reproduce`, the Python
# peers, the paired sgemm comparison, then `backprop report`. Every command is recorded in bench/results/machine.txt exactly as run, and RESULTS.md
# lists them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

mode= data= engines=ref,simd,opencl jmh=1 reproduce=1 peers=1 runs=1
while (($#)); do
  case $1 in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --data) data=$2; shift ;;
    --engines) engines=$2; shift ;;
    --no-jmh) jmh=0 ;;
    --no-reproduce) reproduce=0 ;;
    --no-peers) peers=0 ;;
    --no-runs) runs=0 ;;
    *) echo "run-all.sh: unknown option '$1'; use --quick|--full [--data DIR] [--engines a,b] [--no-jmh] [--no-reproduce] [--no-peers] [--no-runs]" >&2; exit 2 ;;
  esac
  shift
done
if [[ -z $mode ]]; then
  echo "run-all.sh: say --quick (minutes, a first look) or --full (the numbers for RESULTS.md)" >&2
  exit 2
fi

if [[ -z ${JAVA_HOME:-} || ! -x $JAVA_HOME/bin/java ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    [[ -x $candidate/bin/javac ]] && { export JAVA_HOME=$candidate; break; }
  done
fi
java=$JAVA_HOME/bin/java
flags="--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
out=bench/results
# The full mode trains the Java engines with three seeds: ch1-100 (N(0,1) weights, 100 sigmoid neurons, η = 3)
# depends strongly on the seed, as the book's own footnote in chapter 1 warns. Peers use seed 1.
if [[ $mode == quick ]]; then epochs=3 seeds=1; else epochs=30 seeds=1,2,3; fi
data_arg=${data:+--data $data}

echo "== building the jars (./mvnw -q -B -DskipTests -pl bench -am package)"
./mvnw -q -B -DskipTests -pl bench -am package

mkdir -p "$out"
rm -f "$out"/{jmh.json,jmh.log,jmh-console.log,reproduce.csv,reproduce.md,reproduce.properties,reproduce.log} \
      "$out"/runs-{train,cold,cotenant}.csv "$out"/runs-machine.txt "$out"/runs.log "$out"/runs.aot \
      "$out"/{peers-epochs.csv,peers-throughput.csv,peers-env.txt,peers.log,machine.txt} "$out"/*.svg \
      "$out"/paired.csv "$out"/paired-gradient.csv "$out"/paired-gradient-machine.txt "$out"/paired*.log

model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
family=$(grep -m1 '^cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
number=$(grep -m1 -E '^model\s*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
isa=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -xE 'avx2|fma|avx512f|avx512_bf16|amx_tile' | paste -sd' ' -)
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "mode: $mode"
  echo "cpu: $model (family $family, model $number)"
  echo "cores: $(nproc)"
  echo "flags: $isa"
  echo "memory: $(free -g | awk '/^Mem:/{print $2 " GiB"}')"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)"
  echo "jdk: $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vendor = //p') $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
  echo "load-before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: ./mvnw -q -B -DskipTests -pl bench -am package"
} > "$out/machine.txt"

run() {   # run LOG COMMAND...: records the command, runs it, keeps its output
  local log=$1; shift
  echo "command: $*" >> "$out/machine.txt"
  echo "== $*"
  "$@" 2>&1 | tee "$log"
}

if ((runs)); then
  # Whole processes taking turns with the Python peers' (RunSuite): the issue's data set is
  # Fashion-MNIST's 60,000 images (apt-get install dataset-fashion-mnist), else the bundled digits.
  runs_data=${data:-}
  if [[ -z $runs_data ]]; then
    runs_data=data/mnist10k
    [[ -d /usr/share/datasets/fashion-mnist ]] && runs_data=/usr/share/datasets/fashion-mnist
  fi
  pythons=
  for spec in "numpy-batch/pip/1t=$(command -v python3 || true):1" "numpy-batch/pip/2t=$(command -v python3 || true):2" \
              "numpy-batch/deb/1t=/usr/bin/python3:1" "numpy-batch/deb/2t=/usr/bin/python3:2"; do
    py=${spec#*=}; py=${py%:*}
    [[ $spec == *pip* && $(readlink -f "$py") == $(readlink -f /usr/bin/python3) ]] && continue
    [[ -n $py ]] && "$py" -c "import numpy" 2>/dev/null && pythons+=${pythons:+,}$spec
  done
  if [[ $mode == quick ]]; then
    runs_args="--rounds 1 --epochs 3 --cold-rounds 3 --cotenant-epochs 2 --cotenant-limit 12000"
  else
    runs_args="--rounds 3 --epochs 10 --cold-rounds 10 --cotenant-epochs 4"
  fi
  run "$out/runs.log" "$java" -cp bench/target/backprop.jar dev.backprop.bench.runs.RunSuite --java "$java" \
    --jar bench/target/backprop.jar --data "$runs_data" $runs_args --aot --cotenant \
    --cold-engines "$engines" --cotenant-engines "$engines" ${pythons:+--python "$pythons"} --out "$out"
  rm -f "$out/runs.aot"
fi
if ((jmh)); then
  run "$out/jmh-console.log" "$java" $flags -cp bench/target/benchmarks.jar dev.backprop.bench.jmh.Suite --$mode \
    --engines "$engines" --json "$out/jmh.json"
  grep -E '^(engine|plan|note)' "$out/jmh-console.log" > "$out/jmh.log" || true
fi
if ((reproduce)); then
  run "$out/reproduce.log" "$java" $flags -jar bench/target/backprop.jar reproduce --epochs "$epochs" \
    --seeds "$seeds" --engines "$engines" --out "$out" $data_arg
fi
if ((peers)); then
  run "$out/peers.log" bench/peers/run.sh --$mode --epochs "$epochs" --experiments ch1-30,ch1-100,ch3 --out "$out" $data_arg
fi
if ((peers)) && [[ ,$engines, == *,simd,* ]]; then
  # The big network against numpy's sgemm in alternating slots (bench/peers/paired.py), with the
  # JVM's defaults and with transparent huge pages (numpy asks for them; the JVM only with the flag).
  # The python on PATH if it has numpy, else Debian's (a pyenv python on PATH often has none).
  py=
  for candidate in "$(command -v python3 || true)" /usr/bin/python3; do
    if [[ -n $candidate ]] && "$candidate" -c "import numpy" 2>/dev/null; then py=$candidate; break; fi
  done
  if [[ -n $py ]]; then
    if [[ $mode == quick ]]; then pairs=4 slot=1.0; else pairs=16 slot=1.5; fi
    # OpenBLAS's own choice of kernel, and on an AVX-512 CPU also its AVX-512 kernel: OpenBLAS falls
    # back to an older kernel on CPU models it does not know, and the yardstick is the best product.
    cores=auto
    grep -qw avx512f /proc/cpuinfo && cores="auto SkylakeX"
    for core in $cores; do
      core_arg=; [[ $core != auto ]] && core_arg=--openblas-core=$core
      for jvm_opt in -XX:-UseTransparentHugePages -XX:+UseTransparentHugePages; do
        pages=default; [[ $jvm_opt == -XX:+* ]] && pages=huge-pages
        run "$out/paired-$pages-$core.log" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" bench/peers/paired.py \
          --java "$java" --jar bench/target/benchmarks.jar --engine simd --shape 784x1024x1024x10 --batch 1000 \
          --pairs "$pairs" --seconds "$slot" --jvm-opt="$jvm_opt" $core_arg --csv "$out/paired.csv"
      done
    done
    # The narrow network against numpy's own gradient of it, with one BLAS thread and with all.
    for threads in 1 $(nproc); do
      run "$out/paired-gradient-${threads}t.log" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" bench/peers/paired.py \
        --java "$java" --jar bench/target/benchmarks.jar --engine simd --shape 784x100x10 --batch 1000 \
        --yardstick gradient --threads "$threads" --pairs "$pairs" --seconds "$slot" --csv "$out/paired-gradient.csv"
    done
  else
    echo "skipped paired.py: neither python3 on PATH nor /usr/bin/python3 can import numpy (apt-get install python3-numpy)" | tee -a "$out/peers.log"
  fi
fi
echo "load-after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
echo "command: $java -jar bench/target/backprop.jar report --results $out --out bench/RESULTS.md" >> "$out/machine.txt"
"$java" -jar bench/target/backprop.jar report --results "$out" --out bench/RESULTS.md
