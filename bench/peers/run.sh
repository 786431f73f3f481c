#!/usr/bin/env bash
# The Python peers, measured on this machine in one go:
#   bench/peers/run.sh [--quick|--full] [--data DIR] [--out DIR] [--epochs N] [--experiments a,b] [--limit N]
# Each peer trains the book's experiments on the same IDX data as `backprop reproduce` and times
# gradient throughput on the same shapes as the JMH GradientBenchmark. A peer whose Python or
# library is missing is skipped with the reason. Results (appended to fresh files):
#   OUT/peers-epochs.csv  OUT/peers-throughput.csv  OUT/peers-env.txt
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from the peers' environment, so OpenBLAS
# picks its kernel itself; peers-env.txt says which one ran.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

mode=full data=$root/data/mnist10k out=$root/bench/results epochs= experiments= limit=0
while (($#)); do
  case $1 in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --data) data=$2; shift ;;
    --out) out=$2; shift ;;
    --epochs) epochs=$2; shift ;;
    --experiments) experiments=$2; shift ;;
    --limit) limit=$2; shift ;;
    *) echo "peers/run.sh: unknown option '$1'; use --quick|--full, --data DIR, --out DIR, --epochs N, --experiments a,b, --limit N" >&2; exit 2 ;;
  esac
  shift
done

if [[ $mode == quick ]]; then
  epochs=${epochs:-2} experiments=${experiments:-ch1-30} seconds=0.6
  shapes="784x30x10:10;784x100x10:10,100,1000"
else
  epochs=${epochs:-30} experiments=${experiments:-ch1-30,ch1-100,ch3} seconds=1.5
  shapes="784x30x10:10;784x100x10:10,100,1000;784x1024x1024x10:10,100,1000"
fi

mkdir -p "$out"
epochs_csv=$out/peers-epochs.csv throughput_csv=$out/peers-throughput.csv env_file=$out/peers-env.txt
echo "experiment,engine,seed,epoch,accuracy,seconds" > "$epochs_csv"
echo "engine,benchmark,shape,batch,score,unit" > "$throughput_csv"
{
  echo "# peers, $(date -u +%Y-%m-%dT%H:%M:%SZ), mode $mode, data $data"
  echo "# pip = the python on PATH with numpy from pip (OpenBLAS bundled in the wheel);"
  echo "# deb = Debian's /usr/bin/python3 with python3-numpy / python3-torch (libopenblas0-pthread)"
} > "$env_file"

# Two interpreters: the one on PATH (a pyenv or venv Python with pip's numpy, if any) and Debian's.
pip_py=$(command -v python3 || true)
deb_py=/usr/bin/python3
if [[ -n $pip_py && $(readlink -f "$pip_py") == $(readlink -f "$deb_py") ]]; then
  pip_py=""   # the same interpreter: measure it once, as deb
fi

ran=0 skipped=0
peer() {   # peer LABEL PYTHON IMPL THREADS MODULE
  local label=$1 py=$2 impl=$3 threads=$4 module=$5
  if [[ -z $py || ! -x $py ]]; then
    echo "skipped $label: no such interpreter (${py:-python3 on PATH})"; skipped=$((skipped + 1)); return
  fi
  if ! "$py" -c "import $module" 2>/dev/null; then
    local hint="pip install $module"
    [[ $py == /usr/bin/* ]] && hint="apt-get install python3-$module"
    echo "skipped $label: $py cannot import $module ($hint)"; skipped=$((skipped + 1)); return
  fi
  echo "== $label: $py, $impl, threads ${threads/#0/default}"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" "$here/peer.py" --impl "$impl" --label "$label" --threads "$threads" \
    --data "$data" --experiments "$experiments" --epochs "$epochs" --limit "$limit" --shapes "$shapes" \
    --seconds "$seconds" --epochs-csv "$epochs_csv" --throughput-csv "$throughput_csv" --env-file "$env_file"
  ran=$((ran + 1))
}

peer numpy-loop/pip      "$pip_py" loop  0 numpy
peer numpy-batch/pip/1t  "$pip_py" batch 1 numpy
peer numpy-batch/pip/2t  "$pip_py" batch 2 numpy
peer numpy-loop/deb      "$deb_py" loop  0 numpy
peer numpy-batch/deb/1t  "$deb_py" batch 1 numpy
peer numpy-batch/deb/2t  "$deb_py" batch 2 numpy
peer torch/deb/1t        "$deb_py" torch 1 torch
peer torch/deb/2t        "$deb_py" torch 2 torch

echo "peers: $ran measured, $skipped skipped; results in $out/peers-*.csv, environment in $env_file"
