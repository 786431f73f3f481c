"""One peer, measured: python3 peer.py --impl loop|batch|torch --label NAME [options].

Trains the book's experiments (experiments.py) on MNIST-format data and times them, then
measures gradient throughput (one feedforward and BP1-BP4 over a mini-batch, no update, as the
Java GradientBenchmark) and, for the batched peers, sgemm. Writes CSV rows the Java `report`
command reads:
  --epochs-csv:     experiment,engine,seed,epoch,accuracy,seconds       (like reproduce.csv)
  --throughput-csv: engine,benchmark,shape,batch,score,unit
and the BLAS / thread facts to --env-file. Timings never include evaluation.
"""
import argparse
import os
import sys

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--impl", required=True, choices=["loop", "batch", "torch"])
parser.add_argument("--label", required=True)
parser.add_argument("--data", required=True)
parser.add_argument("--experiments", default="ch1-30,ch1-100,ch3")
parser.add_argument("--epochs", type=int, default=30)
parser.add_argument("--seeds", default="1")
parser.add_argument("--limit", type=int, default=0, help="train on the first N examples")
parser.add_argument("--threads", type=int, default=0, help="BLAS / torch threads; 0: the library's default")
parser.add_argument("--shapes", default="784x30x10:10;784x100x10:10,100,1000;784x1024x1024x10:10,100,1000")
parser.add_argument("--seconds", type=float, default=1.0, help="measuring time per throughput point")
parser.add_argument("--epochs-csv")
parser.add_argument("--throughput-csv")
parser.add_argument("--env-file")
parser.add_argument("--no-throughput", action="store_true", help="train only (the run-level suite times whole processes)")
args = parser.parse_args()

if args.threads:
    # Must happen before numpy (and its OpenBLAS) is loaded: the pool size is read once.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)

import time  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blasinfo  # noqa: E402
import experiments  # noqa: E402
import idx  # noqa: E402

if args.impl == "torch":
    import torch
    from torchnet import TorchNetwork as Net
    torch.set_num_threads(args.threads or torch.get_num_threads())
    env = blasinfo.describe_torch()
elif args.impl == "batch":
    from batch import BatchNetwork as Net
    env = blasinfo.describe_numpy()
else:
    from loop import LoopNetwork as Net
    env = blasinfo.describe_numpy()

env = ["python %s (%s)" % (sys.version.split()[0], sys.executable)] + env
env += ["OPENBLAS_CORETYPE=%s OPENBLAS_L2_SIZE=%s" % (os.environ.get("OPENBLAS_CORETYPE", "(unset)"),
                                                       os.environ.get("OPENBLAS_L2_SIZE", "(unset)"))]
print("[%s] %s" % (args.label, " | ".join(env)), flush=True)
if args.env_file:
    with open(args.env_file, "a") as f:
        f.write("%s: %s\n" % (args.label, " | ".join(env)))


def tensors(x, y):
    if args.impl == "torch":
        return torch.from_numpy(np.ascontiguousarray(x)), torch.from_numpy(np.ascontiguousarray(y))
    return x, y


def append(path, row):
    if path:
        with open(path, "a") as f:
            f.write(",".join(str(v) for v in row) + "\n")


def train():
    train_x, train_y, test_x, test_y = idx.load(args.data, np.float64 if args.impl == "loop" else np.float32)
    n = experiments.training_size(len(train_y), args.limit)
    x, labels = train_x[:n], train_y[:n]
    y = idx.one_hot(labels, 10, x.dtype)
    tx, ty = tensors(x, y)
    test_in, test_labels = test_x, test_y
    if args.impl == "torch":
        test_in, test_labels = torch.from_numpy(test_x), torch.from_numpy(test_y)
    for name in [e for e in args.experiments.split(",") if e]:
        setting = experiments.EXPERIMENTS[name]
        for seed in [int(s) for s in args.seeds.split(",")]:
            rng = np.random.default_rng(seed)
            net = Net(setting["sizes"], setting["cost"], setting["init"], rng)
            order = np.arange(n)
            for epoch in range(1, args.epochs + 1):
                rng.shuffle(order)
                rows = torch.from_numpy(order.copy()) if args.impl == "torch" else order
                start = time.perf_counter()
                net.train_epoch(tx, ty, rows, experiments.MINI_BATCH, setting["eta"], setting["lmbda"])
                seconds = time.perf_counter() - start
                accuracy = net.accuracy(test_in, test_labels)
                print("[%s] %s seed %d epoch %d/%d: test accuracy %.2f %%, %.3f s"
                      % (args.label, name, seed, epoch, args.epochs, 100 * accuracy, seconds), flush=True)
                append(args.epochs_csv, [name, args.label, seed, epoch, "%.6f" % accuracy, "%.6f" % seconds])


def timed(fn, seconds):
    """Median calls/s over 3 rounds of at least seconds/3 each, after a warm-up."""
    fn()
    fn()
    rates = []
    for _ in range(3):
        calls = 0
        start = time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds / 3:
                break
        rates.append(calls / elapsed)
    return sorted(rates)[1]


def throughput():
    rng = np.random.default_rng(42)
    dtype = np.float64 if args.impl == "loop" else np.float32
    for group in [g for g in args.shapes.split(";") if g]:
        shape, batches = group.split(":")
        sizes = [int(s) for s in shape.split("x")]
        net = Net(sizes, "quadratic", "scaled", rng)
        for batch in [int(b) for b in batches.split(",")]:
            x = rng.random((batch, sizes[0])).astype(dtype)
            y = idx.one_hot(rng.integers(0, sizes[-1], batch), sizes[-1], dtype)
            if args.impl == "loop":
                rows = np.arange(batch)
                fn = lambda: net.gradient(x, y, rows)
            else:
                tx, ty = tensors(x, y)
                fn = lambda: net.gradient(tx, ty)
            rate = timed(fn, args.seconds) * batch
            print("[%s] gradient %s batch %d: %.0f examples/s" % (args.label, shape, batch, rate), flush=True)
            append(args.throughput_csv, [args.label, "gradient", shape, batch, "%.3f" % rate, "examples/s"])
    if args.impl in ("batch", "torch"):
        n = 1024
        a = rng.random((n, n)).astype(np.float32)
        b = rng.random((n, n)).astype(np.float32)
        if args.impl == "torch":
            a, b = torch.from_numpy(a), torch.from_numpy(b)
            fn = lambda: torch.mm(a, b)
        else:
            fn = lambda: a @ b
        gflops = timed(fn, args.seconds) * 2 * n ** 3 / 1e9
        print("[%s] sgemm %d^3: %.1f GFLOP/s" % (args.label, n, gflops), flush=True)
        append(args.throughput_csv, [args.label, "sgemm", "%dx%dx%d" % (n, n, n), "", "%.3f" % gflops, "GFLOP/s"])


if args.epochs > 0:
    train()
if not args.no_throughput:
    throughput()
