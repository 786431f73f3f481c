#!/usr/bin/env python3
"""Makes the PyTorch-exported ONNX models that backprop's importer is tested against.

Two small networks, exported by torch.onnx.export (opset 13, dynamic batch):
  torch-gemm.onnx    nn.Sequential(Linear(4, 8), Sigmoid, Linear(8, 5), Tanh, Linear(5, 3), Softmax(dim=1));
                     torch writes each Linear on 2-d input as Gemm(transB=1)
  torch-matmul.onnx  x @ W1 + b1, ReLU, x @ W2 + b2 (identity output), written as MatMul + Add
For each, 16 seeded input rows and torch's outputs (float32, printed with repr, exact) go to
<name>.csv beside it: columns in_0..in_{n-1}, out_0..out_{k-1}.

Run with Debian's /usr/bin/python3 (apt-get install python3-torch):
  /usr/bin/python3 bench/peers/make_torch_onnx.py bench/src/test/resources/dev/backprop/bench/onnx
"""
import os
import sys

import torch


class MatMulNet(torch.nn.Module):
    """Weights stored [in, out] and applied as x @ W + b: torch exports MatMul then Add."""

    def __init__(self):
        super().__init__()
        self.w1 = torch.nn.Parameter(torch.randn(6, 7) * 0.5)
        self.b1 = torch.nn.Parameter(torch.randn(7) * 0.1)
        self.w2 = torch.nn.Parameter(torch.randn(7, 2) * 0.5)
        self.b2 = torch.nn.Parameter(torch.randn(2) * 0.1)

    def forward(self, x):
        return torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2


def export(model, inputs, path):
    model.eval()
    torch.onnx.export(model, inputs, path, opset_version=13, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}}, do_constant_folding=True)
    with torch.no_grad():
        outputs = model(inputs)
    csv = os.path.splitext(path)[0] + ".csv"
    with open(csv, "w") as f:
        n, k = inputs.shape[1], outputs.shape[1]
        f.write(",".join([f"in_{i}" for i in range(n)] + [f"out_{j}" for j in range(k)]) + "\n")
        for x, y in zip(inputs.tolist(), outputs.tolist()):
            f.write(",".join(repr(float(v)) for v in x + y) + "\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(7)
    gemm = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Sigmoid(), torch.nn.Linear(8, 5), torch.nn.Tanh(),
                               torch.nn.Linear(5, 3), torch.nn.Softmax(dim=1))
    export(gemm, torch.randn(16, 4), os.path.join(out, "torch-gemm.onnx"))
    export(MatMulNet(), torch.randn(16, 6), os.path.join(out, "torch-matmul.onnx"))
    print("torch", torch.__version__, "wrote", out)


if __name__ == "__main__":
    main()
