"""PyTorch CPU baseline for `prune4j bench`: times training steps of the same models prune4j benchmarks.

Usage: python3 pytorch_step.py MODEL BATCH STEPS WARMUP THREADS [MASK_STEPS MASK_WARMUP]
MODEL is `mlp:784,300,100,10` or `chargpt:layers,d_model,heads,ffn,context,vocab`.
Prints one JSON object: {"torch": version, "threads": n, "blas": loaded BLAS library, "step_ms": {arm: [...]}} with one
entry per timed step (zero_grad, forward, cross-entropy, backward, Adam step), the protocol of
reference/data-and-baselines.md §2.2. Arm `pytorch` is the dense model; with MASK_STEPS, an MLP also times MaskLLM 2:4
on every weight as the official MaskLLM code writes it (`pytorch-maskllm-mask-only`, weights frozen, and
`pytorch-maskllm-joint`), MASK_STEPS steps after MASK_WARMUP.
"""
import itertools
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


class MaskLlmLinear(nn.Module):
    """A linear layer through a learned 2:4 soft mask: per group of 4 inputs of an output, logits over the 6
    candidate masks, Gumbel-softmax (fresh noise every step), the soft mask `probabilities @ candidates`, and the
    regulariser -lambda * sum((sg(W) * mask)^2). kappa, tau and lambda are near prune4j's at the midpoint of their
    schedules, where its maskllm arms are timed: the step's time does not depend on them."""

    CANDIDATES = torch.tensor([[1.0 if i in kept else 0.0 for i in range(4)]
                               for kept in itertools.combinations(range(4), 2)])
    KAPPA, TAU, LAMBDA = 300.0, 2.0, 5e-6

    def __init__(self, inputs, outputs, frozen):
        super().__init__()
        self.linear = nn.Linear(inputs, outputs)
        self.linear.requires_grad_(not frozen)  # mask-only: weight and bias stay as they are
        self.logits = nn.Parameter(torch.randn(outputs, inputs // 4, len(self.CANDIDATES)) * 0.01)
        self.regulariser = torch.zeros(())

    def forward(self, x):
        soft = F.gumbel_softmax(self.logits * self.KAPPA, tau=self.TAU, hard=False, dim=-1)
        mask = (soft @ self.CANDIDATES).view_as(self.linear.weight)
        self.regulariser = -self.LAMBDA * (self.linear.weight.detach() * mask).pow(2).sum()
        return F.linear(x, self.linear.weight * mask, self.linear.bias)


def maskllm_mlp(sizes, frozen):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(MaskLlmLinear(sizes[i], sizes[i + 1], frozen))
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
    mask_steps, mask_warmup = (int(sys.argv[6]), int(sys.argv[7])) if len(sys.argv) > 7 else (0, 0)
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    kind, dims = model_spec.split(":")
    dims = [int(v) for v in dims.split(",")]
    if kind == "mlp":
        x = torch.rand(batch, dims[0])
        y = torch.randint(0, dims[-1], (batch,))
        arms = {"pytorch": (mlp(dims), lambda out: F.cross_entropy(out, y), steps, warmup)}
        if mask_steps > 0:
            for arm, frozen in (("pytorch-maskllm-mask-only", True), ("pytorch-maskllm-joint", False)):
                model = maskllm_mlp(dims, frozen)
                regularised = lambda out, model=model: F.cross_entropy(out, y) + sum(
                    layer.regulariser for layer in model if isinstance(layer, MaskLlmLinear))
                arms[arm] = (model, regularised, mask_steps, mask_warmup)
    else:
        layers, d, heads, ffn, context, vocab = dims
        x = torch.randint(0, vocab, (batch, context))
        y = torch.randint(0, vocab, (batch, context))
        model = CharGpt(layers, d, heads, ffn, context, vocab)
        arms = {"pytorch": (model, lambda out: F.cross_entropy(out.reshape(-1, vocab), y.reshape(-1)), steps, warmup)}
    step_ms = {arm: time_steps(model, loss_of, x, timed, warm) for arm, (model, loss_of, timed, warm) in arms.items()}
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library(),
                      "step_ms": step_ms}))


def time_steps(model, loss_of, x, steps, warmup):
    """Milliseconds of `steps` Adam steps of the model's trained parameters after `warmup` untimed ones (MaskLLM's
    logits with decoupled weight decay 0.1, as prune4j's maskWeightDecay default)."""
    logits = [p for name, p in model.named_parameters() if name.endswith("logits")]
    weights = [p for name, p in model.named_parameters() if p.requires_grad and not name.endswith("logits")]
    optimizers = [torch.optim.Adam(weights, lr=1e-3)] if weights else []
    if logits:
        optimizers.append(torch.optim.AdamW(logits, lr=1e-3, weight_decay=0.1))

    def step():
        for opt in optimizers:
            opt.zero_grad(set_to_none=True)
        loss_of(model(x)).backward()
        for opt in optimizers:
            opt.step()

    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    return times


def blas_library():
    """The BLAS actually loaded: Debian's reference libblas is 20x slower than OpenBLAS, so say which."""
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if "blas" in line.split()[-1]}
    return ", ".join(sorted(libs)) or "unknown"


if __name__ == "__main__":
    main()
