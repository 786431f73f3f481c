"""The same optimiser steps in PyTorch: python3 optimizers.py CASE_DIR.

CASE_DIR holds what backprop's OptimizerPeerTest wrote (spec.json and raw little-endian
float32 files): the network [sizes], sigmoid neurons, its cost, the initial parameters w2, b2, ...,
and for each step s the mini-batch x_s, y_s and, with dropout, the masks mask<l>_s of the hidden
layers (0 or 1/(1 - p), drawn by backprop: masks are data, so both sides drop the same neurons).
This script takes the same steps with torch.optim's own rules and writes the final parameters as
out_w2.f32, out_b2.f32, ...

The rules, as PyTorch 1.13 has them:
  sgd       torch.optim.SGD(lr)                     weight_decay = lambda/n on the weights (Eq. 93)
  momentum  torch.optim.SGD(lr, momentum=mu)        (its buffer is -v/eta of the book's v)
  nesterov  torch.optim.SGD(lr, momentum=mu, nesterov=True)
  adam      torch.optim.Adam(lr, betas, eps)        L2 as weight_decay = lambda/n (coupled)
  adamw     torch.optim.AdamW(lr, betas, eps, weight_decay)
  rmsprop   torch.optim.RMSprop(lr, alpha=rho, eps)
Biases are never decayed (their own parameter group), and L1 is added to the loss,
(lambda1/n) sum |w| over the weights, whose gradient at 0 torch takes as 0, as the book's sgn(0) = 0.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F


def load(directory, name, shape):
    return torch.from_numpy(np.fromfile(os.path.join(directory, name + ".f32"), dtype="<f4").reshape(shape).copy())


def main(directory):
    with open(os.path.join(directory, "spec.json")) as f:
        spec = json.load(f)
    sizes = spec["sizes"]
    depth = len(sizes) - 1
    m = spec["batch"]
    n = spec["n"]
    torch.set_num_threads(1)
    weights = [load(directory, "w%d" % (l + 2), (sizes[l + 1], sizes[l])).requires_grad_() for l in range(depth)]
    biases = [load(directory, "b%d" % (l + 2), (sizes[l + 1],)).requires_grad_() for l in range(depth)]
    rule = spec["optimizer"]
    eta = spec["eta"]
    l2 = spec["lambda"] / n
    l1 = spec["lambda1"] / n
    decay = spec.get("weight_decay", 0.0) if rule == "adamw" else l2
    groups = [{"params": weights, "weight_decay": decay}, {"params": biases, "weight_decay": 0.0}]
    if rule in ("sgd", "momentum", "nesterov"):
        opt = torch.optim.SGD(groups, lr=eta, momentum=spec.get("mu", 0.0), nesterov=rule == "nesterov")
    elif rule == "adam":
        opt = torch.optim.Adam(groups, lr=eta, betas=(spec["beta1"], spec["beta2"]), eps=spec["epsilon"])
    elif rule == "adamw":
        opt = torch.optim.AdamW(groups, lr=eta, betas=(spec["beta1"], spec["beta2"]), eps=spec["epsilon"])
    elif rule == "rmsprop":
        opt = torch.optim.RMSprop(groups, lr=eta, alpha=spec["rho"], eps=spec["epsilon"])
    else:
        raise SystemExit("unknown optimizer " + rule)
    for s in range(1, spec["steps"] + 1):
        x = load(directory, "x_%d" % s, (m, sizes[0]))
        y = load(directory, "y_%d" % s, (m, sizes[-1]))
        a = x
        z = None
        for l in range(depth):
            z = torch.addmm(biases[l], a, weights[l].t())  # Eq. 25
            a = torch.sigmoid(z)
            if spec["dropout"] and l < depth - 1:
                a = a * load(directory, "mask%d_%d" % (l + 2, s), (m, sizes[l + 1]))
        if spec["cost"] == "cross-entropy":
            loss = F.binary_cross_entropy_with_logits(z, y, reduction="sum") / m
        else:
            loss = 0.5 * ((a - y) ** 2).sum() / m
        if l1:
            loss = loss + l1 * sum(w.abs().sum() for w in weights)
        opt.zero_grad()
        loss.backward()
        opt.step()
    for l in range(depth):
        weights[l].detach().numpy().astype("<f4").tofile(os.path.join(directory, "out_w%d.f32" % (l + 2)))
        biases[l].detach().numpy().astype("<f4").tofile(os.path.join(directory, "out_b%d.f32" % (l + 2)))
    print("torch %s, %s: %d steps done" % (torch.__version__, rule, spec["steps"]))


if __name__ == "__main__":
    main(sys.argv[1])
