"""Chapter 3's experiments in PyTorch, beside `backprop reproduce --experiments chapter3`:
python3 chapter3.py --data DIR [--epochs 30] [--seeds 1] [--limit N] [--csv FILE] [--experiments a,b]

The same settings as bench's Experiment.java (sigmoid [784, 100, 10], cross-entropy, N(0, 1/n_in)
weights, mini-batches of 10), trained with torch.optim's own rules: L2 as SGD's weight_decay
(lambda/n, weights only), L1 added to the loss, dropout as torch.nn.functional.dropout (torch's
own random masks: the accuracy is comparable, the bits are not), momentum as SGD(momentum=0.9),
Adam as torch.optim.Adam, and the book's halving schedule with early stopping on a validation
share held back exactly as backprop's Split.stratified holds it back (tabular.py's copy of it).
Writes rows experiment,engine,seed,epoch,accuracy,seconds (reproduce.csv's columns) to --csv.
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import idx  # noqa: E402
from tabular import split  # noqa: E402

# id: (eta, lambda, lambda1, dropout, optimizer, validation, halving patience, early stop)
EXPERIMENTS = {
    "ch3": (0.5, 5.0, 0.0, 0.0, "sgd", 0.0, 0, 0),
    "ch3-l1": (0.5, 0.0, 1.0, 0.0, "sgd", 0.0, 0, 0),
    "ch3-dropout": (0.5, 0.0, 0.0, 0.5, "sgd", 0.0, 0, 0),
    "ch3-momentum": (0.05, 5.0, 0.0, 0.0, "momentum", 0.0, 0, 0),
    "ch3-adam": (0.001, 5.0, 0.0, 0.0, "adam", 0.0, 0, 0),
    "ch3-halving": (0.5, 5.0, 0.0, 0.0, "sgd", 0.1, 5, 10),
}

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--data", required=True)
parser.add_argument("--experiments", default=",".join(EXPERIMENTS))
parser.add_argument("--epochs", type=int, default=30)
parser.add_argument("--seeds", default="1")
parser.add_argument("--limit", type=int, default=0)
parser.add_argument("--csv")
args = parser.parse_args()
torch.set_num_threads(1)


def accuracy(weights, biases, x, labels):
    with torch.no_grad():
        a = x
        for w, b in zip(weights, biases):
            a = torch.sigmoid(torch.addmm(b, a, w.t()))
        return float((a.argmax(dim=1) == labels).float().mean())


def run(name, seed, x, labels, test_x, test_labels):
    eta, lmbda, lmbda1, p, rule, validation, patience, early_stop = EXPERIMENTS[name]
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    rows = np.arange(len(labels))
    if validation:
        parts = split(labels.tolist(), len(labels), 0.0, validation, seed)
        rows, held = np.array(parts["training"]), np.array(parts["validation"])
        val_x, val_labels = torch.from_numpy(x[held]), torch.from_numpy(labels[held])
    n = len(rows)
    train_x = torch.from_numpy(x[rows])
    train_y = torch.from_numpy(idx.one_hot(labels[rows], 10, np.float32))
    sizes = [784, 100, 10]
    weights = [torch.from_numpy((rng.standard_normal((o, i)) / np.sqrt(i)).astype("float32")).requires_grad_()
               for i, o in zip(sizes[:-1], sizes[1:])]
    biases = [torch.from_numpy(rng.standard_normal(o).astype("float32")).requires_grad_() for o in sizes[1:]]
    groups = [{"params": weights, "weight_decay": lmbda / n}, {"params": biases, "weight_decay": 0.0}]
    if rule == "adam":
        opt = torch.optim.Adam(groups, lr=eta)
    else:
        opt = torch.optim.SGD(groups, lr=eta, momentum=0.9 if rule == "momentum" else 0.0)
    best, best_epoch, since_best, since_halving, factor = -1.0, 0, 0, 0, 1.0
    for epoch in range(1, args.epochs + 1):
        for g in opt.param_groups:
            g["lr"] = eta * factor
        order = torch.from_numpy(rng.permutation(n))
        start = time.perf_counter()
        for s in range(0, n, 10):
            batch = order[s:s + 10]
            a = train_x[batch]
            for l, (w, b) in enumerate(zip(weights, biases)):
                z = torch.addmm(b, a, w.t())
                a = torch.sigmoid(z)
                if p and l < len(weights) - 1:
                    a = F.dropout(a, p, training=True)
            loss = F.binary_cross_entropy_with_logits(z, train_y[batch], reduction="sum") / len(batch)
            if lmbda1:
                loss = loss + lmbda1 / n * sum(w.abs().sum() for w in weights)
            opt.zero_grad()
            loss.backward()
            opt.step()
        seconds = time.perf_counter() - start
        test = accuracy(weights, biases, test_x, test_labels)
        print("torch %s seed %d epoch %d/%d: test accuracy %.2f %%, %.3f s" % (name, seed, epoch, args.epochs, 100 * test,
                                                                              seconds), flush=True)
        if args.csv:
            with open(args.csv, "a") as f:
                f.write("%s,torch,%d,%d,%.6f,%.6f\n" % (name, seed, epoch, test, seconds))
        if validation:
            value = accuracy(weights, biases, val_x, val_labels)
            if value > best:
                best, best_epoch, since_best, since_halving = value, epoch, 0, 0
                kept_test = test
            else:
                since_best += 1
                since_halving += 1
            if patience and since_halving >= patience:
                factor /= 2
                since_halving = 0
                if factor <= 1 / 128:
                    break
            if early_stop and since_best >= early_stop:
                break
    if validation:
        print("torch %s seed %d: stopped after epoch %d; best validation-accuracy %.6f at epoch %d; the kept "
              "parameters' test accuracy %.2f %%" % (name, seed, epoch, best, best_epoch, 100 * kept_test), flush=True)


def main():
    train_x, train_y, test_x, test_y = idx.load(args.data)
    n = min(args.limit, len(train_y)) if args.limit else (50000 if len(train_y) == 60000 else len(train_y))
    x, labels = train_x[:n], train_y[:n]
    tx, tl = torch.from_numpy(test_x), torch.from_numpy(test_y)
    print("torch %s, %d training and %d test examples" % (torch.__version__, n, len(test_y)), flush=True)
    for name in [e for e in args.experiments.split(",") if e]:
        for seed in [int(s) for s in args.seeds.split(",")]:
            run(name, seed, x, labels, tx, tl)


if __name__ == "__main__":
    main()
