"""PyTorch side of the train-step benchmark (bench/train-step.ts runs it).

Same two models as bench/train-step-tfjs.ts, same batch, loss and optimiser:
  (a) MLP 768->384->10 (ReLU)
  (b) attention block: d 256, 4 heads, 4 tokens, FFN 512, post-LN residuals,
      mean-pool, linear head -> 10
batch 64, cross-entropy, Adam(1e-3), fixed random batch.

Prints one JSON object on stdout: torch version, which BLAS library is really
loaded (from /proc/self/maps: Debian's torch links the system libblas, which
is either the slow reference BLAS or OpenBLAS via update-alternatives), and
steps/s per (model, threads).
"""
import argparse, json, math, os, re, sys, time

import torch
import torch.nn as nn
import torch.nn.functional as F

B, CLASSES = 64, 10


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1, self.l2 = nn.Linear(768, 384), nn.Linear(384, CLASSES)

    def forward(self, x):  # x [B, 768]
        return self.l2(F.relu(self.l1(x)))  # [B, 10]


class AttentionBlock(nn.Module):
    def __init__(self, d=256, h=4, ffn=512):
        super().__init__()
        self.h, self.dh = h, d // h
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
        self.f1, self.f2 = nn.Linear(d, ffn), nn.Linear(ffn, d)
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.head = nn.Linear(d, CLASSES)

    def forward(self, x):  # x [B, T, d]
        b, t, d = x.shape
        heads = lambda z: z.view(b, t, self.h, self.dh).transpose(1, 2)  # [B, H, T, dh]
        q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(self.dh), dim=-1)  # [B, H, T, T]
        ctx = (att @ v).transpose(1, 2).reshape(b, t, d)  # [B, T, d]
        x1 = self.ln1(x + self.o(ctx))
        x2 = self.ln2(x1 + self.f2(F.relu(self.f1(x1))))
        return self.head(x2.mean(1))  # [B, 10]


def blas_library():
    """Name the BLAS that torch's sgemm calls really go to.

    Debian's torch links libblas.so.3; update-alternatives (or LD_LIBRARY_PATH)
    decides which file that is. OpenBLAS's libopenblas may be mapped as well
    (through liblapack) even when libblas.so.3 is the reference BLAS, so the
    libblas.so.3 file decides, and other libraries are only a fallback.
    """
    torch.ones(64, 64) @ torch.ones(64, 64)  # make sure BLAS is loaded
    libs = set()
    with open('/proc/self/maps') as f:
        for line in f:
            p = line.split()[-1]
            if re.search(r'(blas|mkl|blis|atlas)[^/]*\.so', p):
                libs.add(p)
    libs = sorted(libs)
    libblas = [p for p in libs if os.path.basename(p).startswith('libblas.so')]
    probe = ' '.join(os.path.realpath(p) for p in (libblas or libs)).lower()
    if 'openblas' in probe:
        kind = 'OpenBLAS'
    elif 'mkl' in probe:
        kind = 'MKL'
    elif 'blis' in probe:
        kind = 'BLIS'
    elif 'atlas' in probe:
        kind = 'ATLAS'
    elif libblas:
        kind = 'reference BLAS (slow)'
    else:
        kind = 'unknown'
    info = re.search(r'BLAS_INFO=(\w+)', torch.__config__.show())
    return kind, libs, info.group(1) if info else '?'


def time_steps(model, x, y, seconds):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    return rate(step, seconds)


def rate(step, seconds):
    """(steps/s, steps, last return value) of `step`, timed for `seconds` after 3 warm-up steps."""
    for _ in range(3):
        step()
    n, t0 = 0, time.perf_counter()
    while n < 3 or time.perf_counter() - t0 < seconds:
        last = step()
        n += 1
    return n / (time.perf_counter() - t0), n, last


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seconds', type=float, default=3.0)
    # OpenBLAS sizes its own thread pool when loaded: the caller also sets
    # OPENBLAS_NUM_THREADS/OMP_NUM_THREADS, so run one process per thread count.
    ap.add_argument('--threads', type=int, default=1)
    a = ap.parse_args()
    kind, libs, blas_info = blas_library()
    out = {'torch': torch.__version__, 'python': sys.executable, 'blas': kind, 'blas_libs': libs,
           'blas_info': blas_info, 'rows': []}
    torch.set_num_threads(a.threads)
    for name in ['mlp', 'attention']:
        torch.manual_seed(42)
        model = Mlp() if name == 'mlp' else AttentionBlock()
        x = torch.randn(B, 768) if name == 'mlp' else torch.randn(B, 4, 256)
        y = torch.arange(B) % CLASSES
        sps, n, loss = time_steps(model, x, y, a.seconds)
        out['rows'].append({'model': name, 'threads': a.threads, 'stepsPerSec': sps, 'steps': n, 'loss': loss})
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
