"""Reads MNIST-format IDX files (plain or .gz) straight into numpy arrays.

The layout is the one the Java side reads (dev.backprop.data.Mnist): a directory holding
train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
t10k-labels-idx1-ubyte, each optionally gzipped. Pixels become float values in [0, 1], as in
the book's mnist_loader (there from a pickle, here from the original files).
"""
import gzip
import os
import struct

import numpy as np


def _open(directory, name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(directory, candidate)
        if os.path.exists(path):
            with open(path, "rb") as f:
                head = f.read(2)
            return gzip.open(path, "rb") if head == b"\x1f\x8b" else open(path, "rb")
    raise FileNotFoundError("%s: no %s or %s.gz" % (directory, name, name))


def _read(directory, name):
    with _open(directory, name) as f:
        data = f.read()
    zero, dtype, dims = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError("%s/%s: not an unsigned-byte IDX file" % (directory, name))
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    payload = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims)
    if payload.size != int(np.prod(shape)):
        raise ValueError("%s/%s: header says %s, found %d bytes" % (directory, name, shape, payload.size))
    return payload.reshape(shape)


def load(directory, dtype=np.float32):
    """(train_x, train_y, test_x, test_y): x as n x 784 in [0, 1], y as n integer labels."""
    split = []
    for prefix in ("train", "t10k"):
        images = _read(directory, prefix + "-images-idx3-ubyte")
        labels = _read(directory, prefix + "-labels-idx1-ubyte")
        x = images.reshape(images.shape[0], -1).astype(dtype) / dtype(255)
        split += [x, labels.astype(np.int64)]
    return tuple(split)


def one_hot(labels, classes=10, dtype=np.float32):
    y = np.zeros((labels.size, classes), dtype=dtype)
    y[np.arange(labels.size), labels] = 1
    return y
