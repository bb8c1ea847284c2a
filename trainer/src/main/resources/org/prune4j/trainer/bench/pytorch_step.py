"""PyTorch CPU baseline for `prune4j bench`: times training steps of the same models prune4j benchmarks.

Usage: python3 pytorch_step.py MODEL BATCH STEPS WARMUP THREADS
MODEL is `mlp:784,300,100,10` or `chargpt:layers,d_model,heads,ffn,context,vocab`.
Prints one JSON object: {"torch": version, "threads": n, "blas": loaded BLAS library, "step_ms": [...]} with one entry per timed step
(zero_grad, forward, cross-entropy, backward, Adam step), the protocol of reference/data-and-baselines.md §2.2.
"""
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class Block(nn.Module):
    def __init__(self, d, heads, ffn, context):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
        self.ln2 = nn.LayerNorm(d)
        self.ffn_in = nn.Linear(d, ffn)
        self.ffn_out = nn.Linear(ffn, d)
        self.register_buffer("causal", torch.triu(torch.full((context, context), -1e9), 1))

    def forward(self, x):
        b, t, d = x.shape
        h = self.ln1(x)
        q, k, v = (p(h).view(b, t, self.heads, d // self.heads).transpose(1, 2) for p in (self.q, self.k, self.v))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.heads) + self.causal[:t, :t], dim=-1)
        x = x + self.o((att @ v).transpose(1, 2).reshape(b, t, d))
        return x + self.ffn_out(F.gelu(self.ffn_in(self.ln2(x))))


class CharGpt(nn.Module):
    def __init__(self, layers, d, heads, ffn, context, vocab):
        super().__init__()
        self.tok = nn.Embedding(vocab, d)
        self.pos = nn.Parameter(torch.zeros(context, d))
        self.blocks = nn.Sequential(*(Block(d, heads, ffn, context) for _ in range(layers)))
        self.ln = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab)

    def forward(self, ids):
        return self.head(self.ln(self.blocks(self.tok(ids) + self.pos[: ids.shape[1]])))


def main():
    model_spec, batch, steps, warmup, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    kind, dims = model_spec.split(":")
    dims = [int(v) for v in dims.split(",")]
    if kind == "mlp":
        model = mlp(dims)
        x = torch.rand(batch, dims[0])
        y = torch.randint(0, dims[-1], (batch,))
        loss_of = lambda: F.cross_entropy(model(x), y)
    else:
        layers, d, heads, ffn, context, vocab = dims
        model = CharGpt(layers, d, heads, ffn, context, vocab)
        x = torch.randint(0, vocab, (batch, context))
        y = torch.randint(0, vocab, (batch, context))
        loss_of = lambda: F.cross_entropy(model(x).reshape(-1, vocab), y.reshape(-1))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_of()
        loss.backward()
        opt.step()

    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library(),
                      "step_ms": times}))


def blas_library():
    """The BLAS actually loaded: Debian's reference libblas is 20x slower than OpenBLAS, so say which."""
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if "blas" in line.split()[-1]}
    return ", ".join(sorted(libs)) or "unknown"


if __name__ == "__main__":
    main()
