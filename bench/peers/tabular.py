#!/usr/bin/env python3
"""The PyTorch peer of `backprop train --csv`: the same table, the same split, the same network.

It reproduces backprop's seeded split exactly (java.util.Random's 48-bit LCG and nextInt, then
Split's per-class Fisher-Yates and cut), standardises features with the training rows'
float32 mean and population deviation, and trains the book's shape with plain SGD on the
quadratic cost C = (1/2m) sum ||a - y||^2: [n, 30, k] sigmoid with sigmoid outputs for classes
(eta 3.0, 10 epochs), or a linear output on standardised targets for --regression (eta 0.1,
50 epochs), mini-batches of 10, weights and biases N(0, 1).

  /usr/bin/python3 bench/peers/tabular.py --csv data/iris/iris.csv --label species --seeds 1,2,3
  /usr/bin/python3 bench/peers/tabular.py --csv data/penguins/penguins.csv --label body_mass_g \
      --regression --ignore species,island,sex --seeds 1,2,3
"""
import argparse
import csv
import math

import numpy as np
import torch


class JavaRandom:
    """java.util.Random, as its javadoc specifies it."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        r = self.seed >> (48 - bits)
        return r - (1 << 32) if r >= (1 << 31) else r

    def next_int(self, bound):
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if -(1 << 31) <= u - r + m < (1 << 31):  # Java's int overflow test
                return r
            u = self.next(31)


def shuffle(a, random):
    for i in range(len(a) - 1, 0, -1):
        j = random.next_int(i + 1)
        a[i], a[j] = a[j], a[i]


def java_round(x):
    return math.floor(x + 0.5)


def cut(group, test, validation, parts):
    n = len(group)
    n_test, n_val = java_round(n * test), java_round(n * validation)
    while n_test + n_val >= n > 0 and n_test + n_val > 0:
        if n_val > 0:
            n_val -= 1
        else:
            n_test -= 1
    parts["test"] += group[:n_test]
    parts["validation"] += group[n_test:n_test + n_val]
    parts["training"] += group[n_test + n_val:]


def split(labels, size, test, validation, seed):
    """backprop's Split.stratified (labels given) or Split.random (labels None)."""
    random = JavaRandom(seed)
    parts = {"training": [], "validation": [], "test": []}
    if labels is None:
        group = list(range(size))
        shuffle(group, random)
        cut(group, test, validation, parts)
    else:
        for k in range(max(labels) + 1):
            group = [i for i, label in enumerate(labels) if label == k]
            shuffle(group, random)
            cut(group, test, validation, parts)
    return {name: sorted(rows) for name, rows in parts.items()}


def is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def read(path, label, regression, ignore):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], [r for r in rows[1:] if r]
    targets = label.split(",")
    features = [c for c in header if c not in targets and c not in ignore]
    x = np.array([[float(r[header.index(c)]) for c in features] for r in rows], dtype=np.float32)
    if regression:
        y = np.array([[float(r[header.index(t)]) for t in targets] for r in rows], dtype=np.float32)
        return x, y, None, None
    names = sorted({r[header.index(targets[0])].strip() for r in rows})
    if all(is_number(n) for n in names):
        names.sort(key=float)
    labels = [names.index(r[header.index(targets[0])].strip()) for r in rows]
    return x, None, labels, names


def standardise(train):
    c = train.astype(np.float64).mean(axis=0)
    s = np.sqrt(((train.astype(np.float64) - c) ** 2).mean(axis=0))
    s[s == 0] = 1
    return c.astype(np.float32), s.astype(np.float32)


def run(args, seed):
    x, y, labels, names = read(args.csv, args.label, args.regression, set(filter(None, args.ignore.split(","))))
    parts = split(labels, len(x), args.test, 0.0, seed)
    tr, te = parts["training"], parts["test"]
    c, s = standardise(x[tr])
    xs = torch.from_numpy((x - c) / s)
    k = y.shape[1] if args.regression else len(names)
    if args.regression:
        tc, ts = standardise(y[tr])
        targets = torch.from_numpy((y - tc) / ts)
    else:
        targets = torch.nn.functional.one_hot(torch.tensor(labels), k).float()
    torch.manual_seed(seed)
    layers = [torch.nn.Linear(x.shape[1], 30), torch.nn.Sigmoid(), torch.nn.Linear(30, k)]
    if not args.regression:
        layers.append(torch.nn.Sigmoid())
    net = torch.nn.Sequential(*layers)
    with torch.no_grad():
        for p in net.parameters():
            p.normal_(0, 1)  # the book's N(0, 1) weights and biases
    eta = args.eta if args.eta else (0.1 if args.regression else 3.0)
    epochs = args.epochs if args.epochs else (50 if args.regression else 10)
    optimiser = torch.optim.SGD(net.parameters(), lr=eta)
    order = torch.tensor(tr)
    for _ in range(epochs):
        perm = order[torch.randperm(len(order))]
        for b in range(0, len(perm), 10):
            batch = perm[b:b + 10]
            optimiser.zero_grad()
            loss = 0.5 * ((net(xs[batch]) - targets[batch]) ** 2).sum(dim=1).mean()
            loss.backward()
            optimiser.step()
    with torch.no_grad():
        out = net(xs[te])
    if args.regression:
        pred = out.numpy() * ts + tc
        actual = y[te]
        r2 = 1 - ((actual - pred) ** 2).sum(axis=0) / ((actual - actual.mean(axis=0)) ** 2).sum(axis=0)
        return "seed %d: test R2 %.4f (%d training, %d test rows)" % (seed, r2.mean(), len(tr), len(te)), te
    correct = (out.argmax(dim=1).numpy() == np.array(labels)[te]).sum()
    return "seed %d: test accuracy %.4f (%d of %d; %d training rows)" % (seed, correct / len(te), correct, len(te),
                                                                           len(tr)), te


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--regression", action="store_true")
    parser.add_argument("--ignore", default="")
    parser.add_argument("--test", type=float, default=0.2)
    parser.add_argument("--seeds", default="1")
    parser.add_argument("--eta", type=float)
    parser.add_argument("--epochs", type=int)
    args = parser.parse_args()
    torch.set_num_threads(1)
    print("torch", torch.__version__, "numpy", np.__version__)
    for seed in [int(s) for s in args.seeds.split(",")]:
        line, test_rows = run(args, seed)
        print(line)
        print("test rows", ",".join(map(str, test_rows)))


if __name__ == "__main__":
    main()
