"""The celab network of src/nn/architecture.h in PyTorch, layer for layer (same names, same
order, same flatten order), so weights and timings can be compared one to one; and a reader of
celab's model file (src/nn/model_file.h) into its state_dict."""
import struct
import zlib

import torch
from torch import nn


class CelabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, bias=False)
        self.bn2 = nn.BatchNorm2d(16)
        self.conv3 = nn.Conv2d(16, 16, 3, bias=False)
        self.bn3 = nn.BatchNorm2d(16)
        self.conv4 = nn.Conv2d(16, 32, 3, bias=False)
        self.bn4 = nn.BatchNorm2d(32)
        self.fc = nn.Linear(512, 10)

    def forward(self, x):
        x = (x - 0.1307) / 0.3081
        x = torch.relu(self.bn1(self.conv1(x)))
        x = torch.relu(self.bn2(self.conv2(x)))
        x = torch.max_pool2d(x, 2)
        x = torch.relu(self.bn3(self.conv3(x)))
        x = torch.relu(self.bn4(self.conv4(x)))
        x = torch.max_pool2d(x, 2)
        return self.fc(torch.flatten(x, 1))


def read_model_file(path):
    """The tensors of a celab model file (format version 1, src/nn/model_file.h) as a state_dict,
    their names PyTorch's. Checks the magic, version and CRC-32; raises ValueError naming the
    problem."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 20 or data[:8] != b"CELABNN\n":
        raise ValueError(f"{path}: not a celab model file (magic)")
    version, end = struct.unpack_from("<II", data, 8)
    if version != 1 or end + 4 != len(data):
        raise ValueError(f"{path}: version {version}, body end {end} for {len(data)} bytes: expected version 1")
    stored, = struct.unpack_from("<I", data, end)
    if zlib.crc32(data[:end]) != stored:
        raise ValueError(f"{path}: checksum mismatch")
    at = 16 + 4 * 4 + 3 * 4  # input channels, height, width, classes; mean, std, eps
    layers, = struct.unpack_from("<I", data, at)
    at += 4
    for _ in range(layers):  # kind, name, in, out, kernel
        at += 1
        at += 1 + data[at] + 3 * 4
    tensors, = struct.unpack_from("<I", data, at)
    at += 4
    state = {}
    for _ in range(tensors):
        name = data[at + 1:at + 1 + data[at]].decode()
        at += 1 + data[at]
        rank = data[at]
        shape = struct.unpack_from(f"<{rank}I", data, at + 1)
        at += 1 + 4 * rank
        count = 1
        for d in shape:
            count *= d
        state[name] = torch.tensor(struct.unpack_from(f"<{count}f", data, at)).reshape(shape)
        at += 4 * count
    if at != end:
        raise ValueError(f"{path}: {end - at} bytes left after the tensors")
    return state
