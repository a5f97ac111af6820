"""The celab network of src/nn/architecture.h in PyTorch, layer for layer (same names, same
order, same flatten order), so weights and timings can be compared one to one."""
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
