"""PyTorch twin of the HMS model for the 'bmlhf' bench: the workbench's multimodal transformer
(lib/models/mm-transformer.ts, defaults) in its HMS stage, the head-share penalty on.

bench/model_steps_torch.py times it (--models HMS) beside the other paper models.
  tokens  [CLS; Linear(d_v, 32) of each of the four views] + positions ([5, 32], CLS and
          positions N(0, 0.02^2) as lib/nn/view-tokens.ts); key mask of the present tokens
  layers  2 pre-LN blocks: 4-head attention (q, k, v, o Linear(32, 32); -1e9 on masked keys;
          each head's output times its gate, ones, not trained), FFN 32->64->32 (ReLU)
  readout LayerNorm of h_CLS, Linear(32, 2)
  HMS     the penalty of the last stage (lib/train/stagewise.ts defaults: 2 heads per modality,
          bound 0.5, weight 1): for each allocated (layer, head, modality), the head's attention
          share of that modality's keys, averaged over the present queries; hinge relu(0.5 - share)
          over posts with both modalities (lib/losses/hms.ts); loss CE + 1 * HMS
The allocated heads are bench/model-steps-tfjs.ts's HMS_BENCH_HEADS (which heads does not change
the cost). UKR's per-head step scaling is not in either side.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from model_steps_torch import DIMS, MLP, VIEWS, linear

D, H, FFN, LAYERS = 32, 4, 64, 2
# (layer, head, modality): bench/model-steps-tfjs.ts HMS_BENCH_HEADS
HEADS = [(0, 0, 'text'), (1, 1, 'text'), (0, 2, 'image'), (1, 3, 'image')]
TOKEN_MODALITY = ['cls'] + ['text' if v.startswith('text') else 'image' for v in VIEWS]


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (linear(D, D) for _ in range(4))
        self.ffn = MLP(D, [FFN], D)
        self.ln1, self.ln2 = nn.LayerNorm(D), nn.LayerNorm(D)

    def forward(self, x, mask, gate):  # x [B, T, D], mask [B, T], gate [H]
        b, t, _ = x.shape
        split = lambda z: z.view(b, t, H, D // H).transpose(1, 2)  # [B, H, T, hd]
        y = self.ln1(x)
        q, k, v = split(self.q(y)), split(self.k(y)), split(self.v(y))
        scores = q @ k.transpose(-1, -2) / math.sqrt(D // H) + ((1 - mask) * -1e9).view(b, 1, 1, t)
        w = torch.softmax(scores, -1)  # [B, H, T, T]
        heads = (w @ v) * gate.view(1, H, 1, 1)
        h = x + self.o(heads.transpose(1, 2).reshape(b, t, D))
        return h + self.ffn(self.ln2(h)), w


class HMSTransformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.ModuleDict({v: linear(DIMS[v], D) for v in VIEWS})
        self.pos = nn.Parameter(torch.randn(len(TOKEN_MODALITY), D) * 0.02)
        self.cls = nn.Parameter(torch.randn(D) * 0.02)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.register_buffer('gates', torch.ones(LAYERS, H))
        self.ln, self.head = nn.LayerNorm(D), linear(D, 2)
        self.positions = {m: torch.tensor([float(x == m) for x in TOKEN_MODALITY]) for m in ('text', 'image')}

    def forward(self, views):
        b = views[VIEWS[0]].shape[0]
        present = {'text': torch.ones(b), 'image': torch.ones(b)}  # the bench's posts have both modalities
        x = torch.cat([self.cls.view(1, 1, D).expand(b, 1, D)] + [self.proj[v](views[v]).view(b, 1, D) for v in VIEWS], 1) + self.pos
        mask = torch.stack([torch.ones(b) if m == 'cls' else present[m] for m in TOKEN_MODALITY], 1)  # [B, T]
        maps = []
        for l, blk in enumerate(self.blocks):
            x, w = blk(x, mask, self.gates[l])
            maps.append(w)
        shares = []
        for layer, head, m in HEADS:  # lib/nn/gated-transformer.ts attentionShare, query-masked mean
            per_query = (maps[layer] * self.positions[m].view(1, 1, 1, -1)).sum(-1)  # [B, H, T]
            s = (per_query * mask.view(b, 1, -1)).sum(-1) / mask.sum(-1).clamp_min(1).view(b, 1)  # [B, H]
            shares.append(s[:, head:head + 1])
        valid = present['text'] * present['image']
        return self.head(self.ln(x[:, 0])), {}, (torch.cat(shares, 1), valid), None

    def losses(self, out, y, bound=0.5, weight=1.0):
        ce = F.cross_entropy(out[0], y)
        shares, valid = out[2]
        hms = (F.relu(bound - shares) * valid[:, None]).sum() / (valid.sum() * shares.shape[1]).clamp_min(1)
        return ce + weight * hms, [ce, hms]
