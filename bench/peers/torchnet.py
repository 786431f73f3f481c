"""The same network in PyTorch: explicit weight tensors, autograd for BP1-BP4, and the SGD step
with L2 decay written out, so that it does exactly what the book's update does.

The cross-entropy cost goes through binary_cross_entropy_with_logits on z^L: the same cost as
-y ln a - (1-y) ln(1-a) with a = sigmoid(z), computed without taking log(0).
"""
import torch
import torch.nn.functional as F


class TorchNetwork:
    def __init__(self, sizes, cost, init, rng):
        self.sizes = sizes
        self.cost = cost
        self.weights = []
        self.biases = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            scale = 1 / n_in ** 0.5 if init == "scaled" else 1.0
            w = torch.from_numpy(rng.standard_normal((n_out, n_in)).astype("float32")) * scale
            b = torch.from_numpy(rng.standard_normal(n_out).astype("float32"))
            self.weights.append(w.requires_grad_())
            self.biases.append(b.requires_grad_())

    def _loss(self, x, y):
        a = x
        z = None
        for w, b in zip(self.weights, self.biases):
            z = torch.addmm(b, a, w.t())  # Eq. 25
            a = torch.sigmoid(z)
        m = x.shape[0]
        if self.cost == "cross-entropy":
            return F.binary_cross_entropy_with_logits(z, y, reduction="sum") / m
        return 0.5 * ((a - y) ** 2).sum() / m

    def gradient(self, x, y):
        for p in self.weights + self.biases:
            p.grad = None
        self._loss(x, y).backward()  # BP1-BP4 by autograd

    def train_epoch(self, x, y, order, mini_batch, eta, lmbda):
        n = len(order)
        decay = 1 - eta * lmbda / n
        for start in range(0, n, mini_batch):
            rows = order[start:start + mini_batch]
            self.gradient(x[rows], y[rows])
            with torch.no_grad():
                for w, b in zip(self.weights, self.biases):
                    if decay != 1:
                        w.mul_(decay)
                    w.sub_(eta * w.grad)
                    b.sub_(eta * b.grad)

    def accuracy(self, x, labels):
        with torch.no_grad():
            a = x
            for w, b in zip(self.weights, self.biases):
                a = torch.sigmoid(torch.addmm(b, a, w.t()))
            return float((a.argmax(dim=1) == labels).float().mean())
