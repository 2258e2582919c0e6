"""PyTorch twin of the workbench's COOLANT (lib/models/coolant/*) for the 'bmlhf' bench.

bench/model_steps_torch.py times it (--models COOLANT) beside BMLHF and SpotFake+.
Same shapes and defaults as the tfjs model on Twitter MediaEval's widths
(text = textPattern + textSemantic 868, image = imagePattern + imageSemantic 3328):

  detection   encoders in->256->128 (ReLU, ReLU); unimodal 128->128->16 and
              attention inputs 128->128->64 (ReLU after each layer);
              aligners in->256->128->64 (no final ReLU), L2-normalised;
              corr = ReLU(Linear(64, 64)(max_j softmax_j(t_i v_j / 8))) of the
              detached aligned vectors (CAFE's outer-product correlation);
              w = softmax(MLP 192->64->3 of [s_t, s_v, corr]);
              h = [w1 u_t; w2 u_v; w3 corr] (96); classifier 96->64->64->2
  guidance    ambiguity MLPs 64->64->4 per modality on the detached aligned
              vectors (mu, softplus sigma + 1e-7 of 2-d Gaussians), one-sample
              symmetric KL, a = sigmoid; L_AG = KL([1-a, 1-a, a] || w), weight 0.5
  contrastive L_NCE: symmetric InfoNCE of images vs texts, scale 1/0.07;
              similarity module in->128->128->64 (ReLU each) per modality:
              L_CON cosine-embedding (margin 0.2) of real posts vs their images
              rolled by 3; L_SEM: InfoNCE against softmax(scale * cos) of the
              detached similarity embeddings, weight 0.2
  total       CE + 0.5 L_AG + L_NCE + L_CON + 0.2 L_SEM, one Adam over all parameters

The bench trains every model with Adam lr 1e-3, coupled weight decay 1e-3, batch 64
(bench/model-steps-tfjs.ts), so the twin does too (not the authors' AdamW).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from model_steps_torch import DIMS, MLP, linear

TEXT, IMAGE = ['textPattern', 'textSemantic'], ['imagePattern', 'imageSemantic']
SCALE = 1 / 0.07


def l2n(x, eps=1e-6):
    return x / x.norm(dim=1, keepdim=True).clamp_min(eps)


def outer_correlation(t, v):  # lib/models/baselines/cafe.ts outerProductCorrelation: [B, d] x [B, d] -> [B, d]
    sim = t.unsqueeze(2) * v.unsqueeze(1) / math.sqrt(t.shape[1])  # [B, d, d]
    return torch.softmax(sim, -1).max(-1).values


def info_nce(a, b, targets=None):  # lib/losses/info-nce.ts: soft CE both ways, mean
    s = SCALE * a @ b.t()  # [N, N]
    n = a.shape[0]
    eye = torch.eye(n)
    ab, ba = targets if targets is not None else (eye, eye)
    soft_ce = lambda logits, t: -(t * torch.log_softmax(logits, 1)).sum() / n
    return (soft_ce(s, ab) + soft_ce(s.t(), ba)) / 2


def gaussian_log_prob(z, mu, sigma):
    u = (z - mu) / sigma
    return (-0.5 * u * u - torch.log(sigma) - 0.5 * math.log(2 * math.pi)).sum(1)


class Ambiguity(nn.Module):
    def __init__(self, d=64, hidden=64, z=2):
        super().__init__()
        self.z = z
        self.text, self.image = MLP(d, [hidden], 2 * z), MLP(d, [hidden], 2 * z)

    def posterior(self, net, x):
        p = net(x)
        return p[:, :self.z], F.softplus(p[:, self.z:]) + 1e-7

    def forward(self, t, v):  # one-sample symmetric KL (training), sigmoid
        (mt, st), (mv, sv) = self.posterior(self.text, t), self.posterior(self.image, v)
        z1, z2 = mt + st * torch.randn_like(mt), mv + sv * torch.randn_like(mv)
        k12 = gaussian_log_prob(z1, mt, st) - gaussian_log_prob(z1, mv, sv)
        k21 = gaussian_log_prob(z2, mv, sv) - gaussian_log_prob(z2, mt, st)
        return torch.sigmoid((k12 + k21) / 2)  # [B]


class Coolant(nn.Module):
    def __init__(self, shared=128, enc_hidden=256, dim=64, prime=16, hidden=64):
        super().__init__()
        d_in = {'text': sum(DIMS[v] for v in TEXT), 'image': sum(DIMS[v] for v in IMAGE)}
        per = lambda f: nn.ModuleDict({m: f(m) for m in ('text', 'image')})
        self.encoders = per(lambda m: MLP(d_in[m], [enc_hidden], shared, final=True))
        self.unimodal = per(lambda m: MLP(shared, [shared], prime, final=True))
        self.attn_inputs = per(lambda m: MLP(shared, [shared], dim, final=True))
        self.aligners = per(lambda m: MLP(d_in[m], [enc_hidden, shared], dim))
        self.similarity = per(lambda m: MLP(d_in[m], [shared, shared], dim, final=True))
        self.fusion = linear(dim, dim)
        self.ambiguity = Ambiguity(dim)
        self.scorer = MLP(3 * dim, [hidden], 3)
        self.classifier = MLP(2 * prime + dim, [hidden, hidden], 2)

    def forward(self, views):
        xt, xv = torch.cat([views[v] for v in TEXT], 1), torch.cat([views[v] for v in IMAGE], 1)
        ht, hv = self.encoders['text'](xt), self.encoders['image'](xv)  # [B, 128]
        ut, uv = self.unimodal['text'](ht), self.unimodal['image'](hv)  # [B, 16]
        at, av = l2n(self.aligners['text'](xt)), l2n(self.aligners['image'](xv))  # [B, 64], unit rows
        dt, dv = at.detach(), av.detach()
        corr = F.relu(self.fusion(outer_correlation(dt, dv)))  # [B, 64]
        s = torch.cat([self.attn_inputs['text'](ht), self.attn_inputs['image'](hv), corr], 1)
        w = torch.softmax(self.scorer(s), 1)  # [B, 3]
        h = torch.cat([ut * w[:, :1], uv * w[:, 1:2], corr * w[:, 2:]], 1)  # [B, 96]
        extra = {'at': at, 'av': av, 'w': w, 'a': self.ambiguity(dt, dv), 'xt': xt, 'xv': xv}
        return self.classifier(h), {}, extra, None

    def consistency(self, st, sv, y, shift=3, margin=0.2):  # L_CON on real posts (label 0)
        rows = [i for i, c in enumerate(y.tolist()) if c == 0]  # host read, as alignmentPairs
        n = len(rows)
        if n < 2:
            return st.sum() * 0
        s = shift % n or 1
        anchor, rolled = torch.tensor(rows), torch.tensor([rows[(i - s) % n] for i in range(n)])
        a = torch.cat([st[anchor], st[anchor]], 0)
        b = torch.cat([sv[anchor], sv[rolled]], 0)
        cos = F.cosine_similarity(a, b, dim=1, eps=1e-8)
        return torch.cat([1 - cos[:n], F.relu(cos[n:] - margin)]).mean()

    def losses(self, out, y):
        logits, _, x, _ = out
        ce = F.cross_entropy(logits, y)
        a = x['a'][:, None]
        g = torch.cat([1 - a, 1 - a, a], 1)  # the code's unnormalised target
        guidance = (g * (torch.log(g + 1e-8) - torch.log(x['w'] + 1e-8))).sum(1).mean()
        nce = info_nce(x['av'], x['at'])
        st, sv = self.similarity['text'](x['xt']), self.similarity['image'](x['xv'])
        con = self.consistency(st, sv, y)
        tn, vn = l2n(st.detach()), l2n(sv.detach())
        sim = SCALE * vn @ tn.t()  # image rows, text columns
        soft = info_nce(x['av'], x['at'], (torch.softmax(sim, 1), torch.softmax(sim.t(), 1)))
        return ce + 0.5 * guidance + nce + con + 0.2 * soft, [ce, guidance, nce, con, soft]
