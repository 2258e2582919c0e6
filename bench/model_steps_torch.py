"""PyTorch twins of the 'bmlhf' bench's models (bench/bmlhf.bench.ts runs it).

Same shapes, init scheme (Glorot-uniform weights, zero biases, LayerNorm
1/0), batch (64), losses and optimiser (Adam lr 1e-3, coupled weight decay
1e-3 = torch.optim.Adam's weight_decay) as the workbench's tfjs models
(lib/models/bmlhf/*, lib/models/late-fusion.ts), on random views of Twitter
MediaEval's widths (text 768 + 100, image 1280 + 2048):

  BMLHF + MIB: g^u MLPs d_u->384->128 (ReLU, ReLU); stop-gradient view head
    Linear(512, 2) giving the Eq. 2 branch logits; dual cross-transformer
    (4 tokens of 32, 4 heads, FFN 128, pre-LN, one layer per pair, each side
    attending to the other); view attention per modality (Linear(128,128)
    tanh, Linear(128,1)); per-sample joint correlation (Eq. 12-13, G = tanh of
    the [B, 128, 256] outer product); classifier 256->128->2; loss CE + 0.5
    SupCon(tau 0.5) + CE(view head); MIB factors from the branch scores
    scale the encoders' gradients (alpha1 0.8).
  SpotFake+: late fusion, [768+100]->384->128 and [1280+2048]->384->128
    (ReLU, ReLU), Linear(256, 2); CE.
  COOLANT: bench/coolant_torch.py (detection, guidance, contrastive and
    consistency terms of lib/models/coolant/*); no branch scores, no MIB.
  HMS: bench/hms_torch.py (the multimodal transformer with the head-share
    penalty of its last stage on); no branch scores, no MIB.

Each step also reads back the loss terms and branch scores (.item()), as the
trainer does. Prints one JSON object: torch version, BLAS, and steps/s per
model at the requested thread count.
"""
import argparse, json, math, os, sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_step_torch import blas_library, rate  # noqa: E402

B = 64
DIMS = {'textPattern': 768, 'textSemantic': 100, 'imagePattern': 1280, 'imageSemantic': 2048}
VIEWS = list(DIMS)


def linear(i, o, bias=True):
    l = nn.Linear(i, o, bias=bias)
    nn.init.xavier_uniform_(l.weight)  # Glorot-uniform, as lib/nn/module.ts glorot()
    if bias:
        nn.init.zeros_(l.bias)
    return l


class MLP(nn.Module):
    def __init__(self, i, hidden, out, final=False):
        super().__init__()
        dims = [i, *hidden, out]
        self.layers = nn.ModuleList(linear(a, b) for a, b in zip(dims, dims[1:]))
        self.final = final

    def forward(self, x):
        for k, l in enumerate(self.layers):
            x = l(x)
            if k < len(self.layers) - 1 or self.final:
                x = F.relu(x)
        return x


class MHA(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.h, self.dh = h, d // h
        self.q, self.k, self.v, self.o = (linear(d, d) for _ in range(4))

    def forward(self, x, ctx):  # [B, Tq, d], [B, Tk, d]
        b, tq, d = x.shape
        split = lambda z: z.view(b, z.shape[1], self.h, self.dh).transpose(1, 2)  # [B, H, T, dh]
        q, k, v = split(self.q(x)), split(self.k(ctx)), split(self.v(ctx))
        w = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(self.dh), dim=-1)
        return self.o((w @ v).transpose(1, 2).reshape(b, tq, d))


class CrossHalf(nn.Module):
    def __init__(self, d, h, ffn):
        super().__init__()
        self.attn, self.ffn = MHA(d, h), MLP(d, [ffn], d)
        self.ln1, self.ln_ctx, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d), nn.LayerNorm(d)

    def forward(self, a, b):
        h = a + self.attn(self.ln1(a), self.ln_ctx(b))
        return h + self.ffn(self.ln2(h))


class CrossTransformer(nn.Module):
    def __init__(self, d, h, ffn):
        super().__init__()
        self.a_from_b, self.b_from_a = CrossHalf(d, h, ffn), CrossHalf(d, h, ffn)

    def forward(self, a, b):
        return self.a_from_b(a, b), self.b_from_a(b, a)


class ViewAttention(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.hidden, self.score = linear(d, d), linear(d, 1, bias=False)

    def forward(self, a, b):
        f = lambda x: self.score(torch.tanh(self.hidden(x)))  # [B, 1]
        w = torch.softmax(torch.cat([f(a), f(b)], 1), 1)  # [B, 2]
        return w[:, :1] * a + w[:, 1:] * b


class JointCorrelation(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.d = 2 * m
        self.wI, self.wT = nn.Parameter(torch.empty(self.d, 1)), nn.Parameter(torch.empty(self.d, 1))
        nn.init.xavier_uniform_(self.wI)
        nn.init.xavier_uniform_(self.wT)

    def correlate(self, x, l, w):  # Eq. 12-13, per sample
        a = x / math.sqrt(self.d)
        G = torch.tanh(a.unsqueeze(2) * l.unsqueeze(1))  # [B, m, d]
        return F.relu(x + (G @ w).squeeze(2))

    def forward(self, xI, xT):
        l = torch.cat([xI, xT], 1)
        return torch.cat([self.correlate(xI, l, self.wI), self.correlate(xT, l, self.wT)], 1)


def supcon(x, y, tau=0.5):  # lib/losses/supcon.ts, standard form
    z = x / x.norm(dim=1, keepdim=True).clamp_min(1e-6)
    s = z @ z.t() / tau
    s = s - s.max(1, keepdim=True).values.detach()
    same = (y[:, None] == y[None, :]).float()
    eye = torch.eye(len(y))
    pos = same - eye
    log_den = torch.log((torch.exp(s) * (1 - eye)).sum(1, keepdim=True).clamp_min(1e-30))
    n_pos = pos.sum(1)
    valid = (n_pos > 0).float()
    per = -(pos * (s - log_den)).sum(1) / n_pos.clamp_min(1)
    return (per * valid).sum() / valid.sum().clamp_min(1)


class BMLHF(nn.Module):
    def __init__(self, dk=128, hidden=384, heads=4, tokens=4):
        super().__init__()
        self.dk, self.tokens = dk, tokens
        self.enc = nn.ModuleDict({v: MLP(DIMS[v], [hidden], dk, final=True) for v in VIEWS})
        self.head = linear(4 * dk, 2)
        w = dk // tokens
        self.pattern, self.semantic = CrossTransformer(w, heads, 4 * w), CrossTransformer(w, heads, 4 * w)
        self.intra_text, self.intra_image = ViewAttention(dk), ViewAttention(dk)
        self.inter = JointCorrelation(dk)
        self.classifier = MLP(2 * dk, [dk], 2)

    def groups(self):
        return {v: list(self.enc[v].parameters()) for v in VIEWS}

    def forward(self, views):
        z = {v: self.enc[v](views[v]) for v in VIEWS}
        W, b = self.head.weight, self.head.bias  # [2, 4 dk], [2]
        branches = {v: F.linear(z[v].detach(), W[:, u * self.dk:(u + 1) * self.dk]) + b / 4 for u, v in enumerate(VIEWS)}
        head_logits = sum(branches.values())
        tok = lambda x: x.view(x.shape[0], self.tokens, -1)
        flat = lambda x: x.reshape(x.shape[0], self.dk)
        qt, et = self.pattern(tok(z['textPattern']), tok(z['imagePattern']))
        pt, ut = self.semantic(tok(z['textSemantic']), tok(z['imageSemantic']))
        xT = self.intra_text(flat(qt), flat(pt))
        xI = self.intra_image(flat(et), flat(ut))
        X = self.inter(xI, xT)
        return self.classifier(X), branches, X, head_logits

    def losses(self, out, y):
        logits, _, X, head_logits = out
        ce, sc, vh = F.cross_entropy(logits, y), supcon(X, y), F.cross_entropy(head_logits, y)
        return ce + 0.5 * sc + vh, [ce, sc, vh]


class SpotFake(nn.Module):
    def __init__(self, hidden=384, embed=128):
        super().__init__()
        self.text = MLP(DIMS['textPattern'] + DIMS['textSemantic'], [hidden], embed, final=True)
        self.image = MLP(DIMS['imagePattern'] + DIMS['imageSemantic'], [hidden], embed, final=True)
        self.head = linear(2 * embed, 2)
        self.embed = embed

    def groups(self):
        return {'text': list(self.text.parameters()), 'image': list(self.image.parameters())}

    def forward(self, views):
        ht = self.text(torch.cat([views['textPattern'], views['textSemantic']], 1))
        hi = self.image(torch.cat([views['imagePattern'], views['imageSemantic']], 1))
        logits = self.head(torch.cat([ht, hi], 1))
        W, b, e = self.head.weight, self.head.bias, self.embed
        branches = {'text': F.linear(ht, W[:, :e]) + b / 2, 'image': F.linear(hi, W[:, e:]) + b / 2}
        return logits, branches, None, None

    def losses(self, out, y):
        ce = F.cross_entropy(out[0], y)
        return ce, [ce]


def mib_factors(scores, alpha1=0.8):  # lib/balance/mib.ts, Eq. 3-4
    total = sum(scores.values())
    return {n: (1 - math.tanh(alpha1 * s / total)) if s / total > 1 / len(scores) else 1.0 for n, s in scores.items()}


def build(name):
    if name == 'COOLANT':
        from coolant_torch import Coolant  # imports this module's layers
        return Coolant()
    if name == 'HMS':
        from hms_torch import HMSTransformer
        return HMSTransformer()
    if name in ('BMLHF', 'SpotFake+'):
        return BMLHF() if name == 'BMLHF' else SpotFake()
    raise SystemExit(f'model_steps_torch: unknown model {name!r} (known: BMLHF, SpotFake+, COOLANT, HMS)')


def time_model(name, seconds, n_rows=64 * 32):
    torch.manual_seed(1)
    model = build(name)
    balanced = name == 'BMLHF'
    data = {v: torch.randn(n_rows, d) for v, d in DIMS.items()}
    labels = torch.randint(0, 2, (n_rows,))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-3)
    groups = model.groups() if balanced else {}
    perm = torch.randperm(n_rows)
    state = {'at': 0}

    def step():
        at = state['at']
        idx = perm[at:at + B]
        state['at'] = (at + B) % (n_rows - B)
        views, y = {v: x[idx] for v, x in data.items()}, labels[idx]
        opt.zero_grad(set_to_none=True)
        out = model(views)
        total, terms = model.losses(out, y)
        with torch.no_grad():
            scores = {n: torch.softmax(l, 1).gather(1, y[:, None]).sum().item() for n, l in out[1].items()}
            correct = (out[0].argmax(1) == y).sum().item()
        total.backward()
        values = [t.item() for t in terms]
        if balanced:
            for n, k in mib_factors(scores).items():
                if k != 1:
                    for p in groups[n]:
                        p.grad.mul_(k)
        opt.step()
        return values[0], correct

    sps, n, (loss, _) = rate(step, seconds)
    params = sum(p.numel() for p in model.parameters())
    return {'model': name, 'stepsPerSec': sps, 'steps': n, 'loss': loss, 'params': params}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seconds', type=float, default=3.0)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--models', default='BMLHF,SpotFake+,COOLANT,HMS')
    ap.add_argument('--params', action='store_true', help='print each twin\'s trained parameter count, no timing')
    a = ap.parse_args()
    if a.params:
        json.dump({m: sum(p.numel() for p in build(m).parameters()) for m in a.models.split(',')}, sys.stdout)
        return
    kind, libs, _ = blas_library()
    torch.set_num_threads(a.threads)
    rows = [dict(time_model(m, a.seconds), threads=a.threads) for m in a.models.split(',')]
    json.dump({'torch': torch.__version__, 'python': sys.executable, 'blas': kind, 'blas_libs': libs, 'rows': rows}, sys.stdout)


if __name__ == '__main__':
    main()
