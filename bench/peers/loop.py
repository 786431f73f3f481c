"""The book's network.py algorithm: one example at a time, column vectors, float64.

Written from chapter 2's four equations, in the order of network.py (feedforward, SGD,
update_mini_batch, backprop), with network2.py's two additions that the chapter-3 experiment
needs: the cross-entropy cost (whose output error is a - y) and L2 weight decay
w -> (1 - eta*lmbda/n) w - (eta/m) sum dC_x/dw. Nothing is batched: numpy sees one 784-long
column at a time, which is what makes this version slow, and faithful.
"""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)


class LoopNetwork:
    def __init__(self, sizes, cost, init, rng):
        self.sizes = sizes
        self.cost = cost
        self.biases = [rng.standard_normal((n, 1)) for n in sizes[1:]]
        self.weights = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            scale = 1 / np.sqrt(n_in) if init == "scaled" else 1.0
            self.weights.append(rng.standard_normal((n_out, n_in)) * scale)

    def train_epoch(self, x, y, order, mini_batch, eta, lmbda):
        """One pass of SGD over the examples in `order` (x, y: rows; y one-hot)."""
        n = len(order)
        for start in range(0, n, mini_batch):
            self.update_mini_batch(x, y, order[start:start + mini_batch], eta, lmbda, n)

    def update_mini_batch(self, x, y, batch, eta, lmbda, n):
        nabla_b, nabla_w = self.gradient(x, y, batch)
        m = len(batch)
        self.weights = [(1 - eta * lmbda / n) * w - (eta / m) * nw for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / m) * nb for b, nb in zip(self.biases, nabla_b)]

    def gradient(self, x, y, batch):
        """Sum over the batch of dC_x/db and dC_x/dw, one example after the other."""
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for i in batch:
            db, dw = self.backprop(x[i].reshape(-1, 1), y[i].reshape(-1, 1))
            nabla_b = [nb + d for nb, d in zip(nabla_b, db)]
            nabla_w = [nw + d for nw, d in zip(nabla_w, dw)]
        return nabla_b, nabla_w

    def backprop(self, x, y):
        nabla_b = [None] * len(self.biases)
        nabla_w = [None] * len(self.weights)
        activation = x
        activations = [x]
        zs = []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b  # Eq. 25
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        if self.cost == "cross-entropy":
            delta = activations[-1] - y  # BP1, sigma' cancels
        else:
            delta = (activations[-1] - y) * sigmoid_prime(zs[-1])  # BP1
        nabla_b[-1] = delta  # BP3
        nabla_w[-1] = np.dot(delta, activations[-2].T)  # BP4
        for l in range(2, len(self.sizes)):
            delta = np.dot(self.weights[-l + 1].T, delta) * sigmoid_prime(zs[-l])  # BP2
            nabla_b[-l] = delta
            nabla_w[-l] = np.dot(delta, activations[-l - 1].T)
        return nabla_b, nabla_w

    def accuracy(self, x, labels):
        """Share of correctly classified examples. Batched only to save time: it is never timed."""
        a = x.T.astype(np.float64)
        for b, w in zip(self.biases, self.weights):
            a = sigmoid(np.dot(w, a) + b)
        return float(np.mean(np.argmax(a, axis=0) == labels))
