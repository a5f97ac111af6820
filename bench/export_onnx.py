#!/usr/bin/python3
"""The shipped model (assets/model.celab) as ONNX, for the browser forward-pass comparison with
ONNX Runtime Web in bench/page_budget.mjs: bench/celab_net_torch.py's mirror of the network with the
file's weights and batch-norm statistics, in eval mode, exported by Debian's PyTorch 1.13
(torch.onnx.export, opset 13, input "pixels" (1, 1, 28, 28) in [0, 1], output "logits" (1, 10)).
A build/bench product, not part of the site.

  /usr/bin/python3 bench/export_onnx.py [--model assets/model.celab] --out build/bench/model.onnx"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from celab_net_torch import CelabNet, read_model_file  # noqa: E402


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=os.path.join(root, "assets", "model.celab"))
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    net = CelabNet()
    state = read_model_file(args.model)
    # PyTorch's BatchNorm also counts batches; the model file has no use for it.
    for name, value in net.state_dict().items():
        if name.endswith("num_batches_tracked"):
            state[name] = value
    net.load_state_dict(state, strict=True)
    net.eval()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    torch.onnx.export(net, torch.zeros(1, 1, 28, 28), args.out, opset_version=13, input_names=["pixels"],
                      output_names=["logits"])
    print(f"{args.out}: {os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
