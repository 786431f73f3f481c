"""Cold start of the batched numpy peer, for the run-level suite: python3 first.py [--threads N] [--predict].

From the interpreter's start to the first gradient (BP1-BP4) of the book's [784, 30, 10] on one
seeded mini-batch of 10, or (--predict) to the first output for one example, as the Java side's
RunChild first-gradient / first-prediction. Prints "first MS", the time since this script began
(the interpreter's own start-up before it is not counted here; the suite times the whole process).
"""
import os
import sys
import time

start = time.perf_counter()
threads = "1"
if "--threads" in sys.argv:
    threads = sys.argv[sys.argv.index("--threads") + 1]
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = threads

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from batch import BatchNetwork  # noqa: E402

rng = np.random.default_rng(1)
net = BatchNetwork([784, 30, 10], "quadratic", "standard", rng)
x = np.random.default_rng(2).random((10, 784)).astype(np.float32)
if "--predict" in sys.argv:
    a = x[:1]
    for w, b in zip(net.weights, net.biases):
        a = 1 / (1 + np.exp(-(a @ w.T + b)))
    check = float(a[0, 0])
else:
    y = np.zeros((10, 10), dtype=np.float32)
    y[np.arange(10), np.arange(10)] = 1
    grad_w, grad_b = net.gradient(x, y)
    check = float(grad_b[0][0])
print("first %.3f" % ((time.perf_counter() - start) * 1000))
print("check %r" % check)
