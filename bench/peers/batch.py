"""The same algorithm on whole mini-batches: one matrix product per equation, float32.

Rows are examples, as in the Java engines: Z = A W^T + b (Eq. 25), Delta^L from the cost (BP1),
Delta^l = (Delta^{l+1} W^{l+1}) * sigma'(Z^l) (BP2), the bias gradient is the column mean of
Delta (BP3), the weight gradient Delta^T A / m (BP4). float32 like the Java engines, so numpy's
BLAS runs sgemm.
"""
import numpy as np


def sigmoid(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-z))


class BatchNetwork:
    def __init__(self, sizes, cost, init, rng, dtype=np.float32):
        self.sizes = sizes
        self.cost = cost
        self.weights = []
        self.biases = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            scale = 1 / np.sqrt(n_in) if init == "scaled" else 1.0
            self.weights.append((rng.standard_normal((n_out, n_in)) * scale).astype(dtype))
            self.biases.append(rng.standard_normal(n_out).astype(dtype))

    def train_epoch(self, x, y, order, mini_batch, eta, lmbda):
        n = len(order)
        decay = np.float32(1 - eta * lmbda / n)
        for start in range(0, n, mini_batch):
            rows = order[start:start + mini_batch]
            grad_w, grad_b = self.gradient(x[rows], y[rows])
            for w, b, gw, gb in zip(self.weights, self.biases, grad_w, grad_b):
                if decay != 1:
                    w *= decay
                w -= np.float32(eta) * gw
                b -= np.float32(eta) * gb

    def gradient(self, x, y):
        """Gradient of the mean cost over the rows of x."""
        m = x.shape[0]
        activations = [x]
        zs = []
        for w, b in zip(self.weights, self.biases):
            z = activations[-1] @ w.T + b  # Eq. 25
            zs.append(z)
            activations.append(sigmoid(z))
        a = activations[-1]
        if self.cost == "cross-entropy":
            delta = a - y  # BP1
        else:
            delta = (a - y) * a * (1 - a)  # BP1
        grad_w = [None] * len(self.weights)
        grad_b = [None] * len(self.biases)
        for l in range(len(self.weights) - 1, -1, -1):
            grad_b[l] = delta.sum(axis=0) / m  # BP3
            grad_w[l] = (delta.T @ activations[l]) / m  # BP4
            if l > 0:
                s = activations[l]
                delta = (delta @ self.weights[l]) * s * (1 - s)  # BP2
        return grad_w, grad_b

    def accuracy(self, x, labels):
        a = x
        for w, b in zip(self.weights, self.biases):
            a = sigmoid(a @ w.T + b)
        return float(np.mean(np.argmax(a, axis=1) == labels))
