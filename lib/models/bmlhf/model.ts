/**
 * BMLHF — Balanced Multi-modal Learning with Hierarchical Fusion (Wu et al.),
 * on the four canonical views:
 *   text pattern Q (BERT), text semantic P (CLIP-text),
 *   image pattern E (Swin-T), image semantic U (CLIP-image).
 *
 *   g^u: Linear(d_u, 384) → ReLU → Linear(384, d_k) → ReLU    (Sec. 3.1; θ^u, the MIB groups)
 *   Q̃, Ẽ / P̃, Ũ  dual cross-transformer                       (Eq. 6–7,  dual-cross.ts)
 *   X_T, X_I      view attention per modality                  (Eq. 8–11, intra-fusion.ts)
 *   X             joint correlation fusion, [X'_I; X'_T]        (Eq. 12–15, inter-fusion.ts)
 *   C(x)          Linear(2 d_k, h) → ReLU → Linear(h, 2)        (Eq. 16)
 *   loss          CE (Eq. 17) + α2 SupCon(X) (Eq. 18–19) + CE of the view head
 *   branches      W^u g^u(z^u) + b/4 from the view head          (Eq. 2, view-head.ts)
 *
 * Eq. 16 reading: "a classifier which contains a one-layer of MLP and ReLU" —
 * one hidden layer (width h = classifierHidden, default d_k) with ReLU, then a
 * linear output layer to the 2 class logits. The final ReLU of g^u follows
 * "the ReLU activation function is used for MLP" and keeps the encodings in
 * the non-negative range OGM-GE's branch logits assume.
 *
 * The view head's CE (default: a stop-gradient probe) only trains the head;
 * `loss_total` therefore includes it, while `ce` and `supcon` are Eq. 17/18.
 *
 * Ablations (Table 2): 'I' no MIB (same network, trained without the MIB balancer),
 * 'T' no two-stage fusion (X = [Q̃; P̃; Ẽ; Ũ]), 'D' no dual cross-transformer
 * (Q̃ = Q' etc.), 'H' no HF at all (X = [Q'; P'; E'; U']), 'tra' no intra stage
 * (X_T = [Q̃; P̃], X_I = [Ẽ; Ũ] into the correlation block at width 2 d_k),
 * 'ter' no inter stage (X = [X_I; X_T] without the correlation block).
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { MLP } from '../../nn/mlp';
import { deriveSeed } from '../../util/random';
import { supCon } from '../../losses/supcon';
import { crossEntropy, type Batch, type Losses, type Model, type Output } from '../model';
import { DualCrossTransformer } from './dual-cross';
import { ViewAttentionFusion } from './intra-fusion';
import { JointCorrelationFusion, type InterReading } from './inter-fusion';
import type { TanhForm } from '../../nn/tanh';
import { ViewHead, type ViewHeadMode } from './view-head';

export type Ablation = 'I' | 'T' | 'D' | 'H' | 'tra' | 'ter';
export const ABLATIONS: readonly Ablation[] = ['I', 'T', 'D', 'H', 'tra', 'ter'];

/** The four views in the paper's order Q, P, E, U (text pattern/semantic, image pattern/semantic). */
export const BMLHF_VIEWS = ['textPattern', 'textSemantic', 'imagePattern', 'imageSemantic'] as const;
export type BMLHFView = (typeof BMLHF_VIEWS)[number];

export interface BMLHFOptions {
  seed?: number;
  /** Table 2 variant; undefined / null = the full model */
  ablation?: Ablation | null;
  /** encoded view width d_k (not given in the paper; 128 = 384 / 3, head width 8 at 4 tokens × 4 heads) */
  dk?: number;
  /** hidden width of g^u (paper: 384) */
  hidden?: number;
  /** cross-transformer heads (paper: 4) */
  heads?: number;
  /** tokens per view in the cross-transformer (see dual-cross.ts; 1 = the degenerate one-token reading) */
  tokens?: number;
  /** cross-transformer FFN width as a multiple of the token width */
  ffnMult?: number;
  /** hidden width of the classifier C (Eq. 16); 0 = d_k */
  classifierHidden?: number;
  /** SupCon temperature τ (paper: 0.5) */
  tau?: number;
  /** weight α2 of SupCon in Eq. 19 (paper: 0.5) */
  alpha2?: number;
  /** Eq. 12–14 reading (inter-fusion.ts) */
  interReading?: InterReading;
  /** how Eq. 12's tanh is computed (nn/tanh.ts): 'sigmoid' (2σ(2x) − 1, the default: 42 → 1 ms per step on wasm) or 'exact' (tf.tanh, results before RESULTS_VERSION 5) */
  eq12Tanh?: TanhForm;
  /** Eq. 18 form (lib/losses/supcon.ts) */
  supconForm?: 'standard' | 'printed';
  /** how the Eq. 2 view head is trained (view-head.ts) */
  viewHead?: ViewHeadMode;
}

export const BMLHF_DEFAULTS: Required<Omit<BMLHFOptions, 'ablation'>> & { ablation: Ablation | null } = {
  seed: 0,
  ablation: null,
  dk: 128,
  hidden: 384,
  heads: 4,
  tokens: 4,
  ffnMult: 4,
  classifierHidden: 0,
  tau: 0.5,
  alpha2: 0.5,
  interReading: 'sample',
  eq12Tanh: 'sigmoid',
  supconForm: 'standard',
  viewHead: 'probe',
};

export class BMLHF extends Module implements Model {
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly encoders = {} as Record<BMLHFView, MLP>;
  readonly viewHead: ViewHead;
  readonly dual?: DualCrossTransformer;
  readonly intraText?: ViewAttentionFusion; // Θ_A
  readonly intraImage?: ViewAttentionFusion; // Θ_B
  readonly inter?: JointCorrelationFusion;
  readonly classifier: MLP; // θ_c
  readonly o: typeof BMLHF_DEFAULTS;

  constructor(
    readonly dims: Record<string, number>,
    options: BMLHFOptions = {},
  ) {
    super();
    for (const k of Object.keys(options))
      if (!(k in BMLHF_DEFAULTS)) throw new Error(`bmlhf: unknown option '${k}' (known: ${Object.keys(BMLHF_DEFAULTS).join(', ')})`);
    const o = { ...BMLHF_DEFAULTS, ...options, ablation: options.ablation ?? null };
    this.o = o;
    if (o.ablation !== null && !ABLATIONS.includes(o.ablation)) throw new Error(`bmlhf: ablation must be one of ${ABLATIONS.join(', ')}, got '${o.ablation}'`);
    for (const k of ['dk', 'hidden', 'heads', 'tokens', 'ffnMult'] as const) {
      if (!Number.isInteger(o[k]) || o[k] < 1) throw new Error(`bmlhf: option '${k}' must be a positive integer, got ${o[k]}`);
    }
    const a = o.ablation,
      dk = o.dk,
      s = o.seed;
    for (const v of BMLHF_VIEWS) {
      const d = dims[v];
      if (!Number.isInteger(d) || d < 1) throw new Error(`bmlhf: dims.${v} must be a positive integer, got ${d} (dims: ${JSON.stringify(dims)})`);
      this.encoders[v] = this.child(new MLP(d, { hidden: [o.hidden], out: dk, finalActivation: true, seed: deriveSeed(s, `g_${v}`) }));
    }
    this.viewHead = this.child(new ViewHead([...BMLHF_VIEWS], dk, o.viewHead, deriveSeed(s, 'viewHead')));
    const hf = a !== 'H';
    if (hf && a !== 'D')
      this.dual = this.child(new DualCrossTransformer(dk, { heads: o.heads, tokens: o.tokens, ffnMult: o.ffnMult, seed: deriveSeed(s, 'dual') }));
    const twoStage = hf && a !== 'T';
    if (twoStage && a !== 'tra') {
      this.intraText = this.child(new ViewAttentionFusion(dk, deriveSeed(s, 'theta_A')));
      this.intraImage = this.child(new ViewAttentionFusion(dk, deriveSeed(s, 'theta_B')));
    }
    const m = a === 'tra' ? 2 * dk : dk; // width of X_T, X_I
    if (twoStage && a !== 'ter') this.inter = this.child(new JointCorrelationFusion(m, o.interReading, deriveSeed(s, 'inter'), o.eq12Tanh));
    const xDim = twoStage ? 2 * m : 4 * dk;
    const h = o.classifierHidden || dk;
    this.classifier = this.child(new MLP(xDim, { hidden: [h], out: 2, seed: deriveSeed(s, 'classifier') }));
    this.name = a ? `BMLHF-${a}` : 'BMLHF';
    this.config = {
      model: 'bmlhf',
      ablation: a,
      dk,
      hidden: o.hidden,
      heads: o.heads,
      tokens: o.tokens,
      ffnMult: o.ffnMult,
      classifierHidden: h,
      fusedDim: xDim,
      tau: o.tau,
      alpha2: o.alpha2,
      supconForm: o.supconForm,
      viewHead: o.viewHead,
      interReading: this.inter ? o.interReading : null,
      dims: { ...dims },
      eq12Tanh: o.eq12Tanh,
    };
  }

  /** θ^u: the encoder g^u of each view (Eq. 1/5). Fusion, view head and classifier are not modulated. */
  groups(): Record<string, tf.Variable[]> {
    return Object.fromEntries(BMLHF_VIEWS.map((v) => [v, this.encoders[v].variables()]));
  }

  forward(batch: Batch, _training = true): Output {
    const z = {} as Record<BMLHFView, tf.Tensor2D>;
    for (const v of BMLHF_VIEWS) {
      const x = batch.views[v];
      if (!x) throw new Error(`bmlhf: batch has no view '${v}' (has: ${Object.keys(batch.views).join(', ')})`);
      z[v] = this.encoders[v].apply(x); // [B, d_k]: Q', P', E', U'
    }
    const head = this.viewHead.apply(z); // Eq. 2 branch logits
    const X = this.fuse(z.textPattern, z.textSemantic, z.imagePattern, z.imageSemantic); // [B, fusedDim]
    const logits = this.classifier.apply(X); // [B, 2]  Eq. 16
    return { logits, branches: head.branches, embedding: X, extra: { viewHead: head.logits } };
  }

  /** HF (Sec. 3.3) and its ablations: encoded views → fused X. */
  private fuse(q: tf.Tensor2D, p: tf.Tensor2D, e: tf.Tensor2D, u: tf.Tensor2D): tf.Tensor2D {
    const cat = (xs: tf.Tensor2D[]) => tf.concat(xs, 1) as tf.Tensor2D;
    if (this.o.ablation === 'H') return cat([q, p, e, u]); // [B, 4 d_k]
    let [qt, et] = [q, e],
      [pt, ut] = [p, u];
    if (this.dual) {
      [qt, et] = this.dual.applyPattern(q, e); // Eq. 6
      [pt, ut] = this.dual.applySemantic(p, u); // Eq. 7
    }
    if (this.o.ablation === 'T') return cat([qt, pt, et, ut]); // [B, 4 d_k]
    const xT = this.intraText ? this.intraText.apply(qt, pt).fused : cat([qt, pt]); // Eq. 8, 10  [B, m]
    const xI = this.intraImage ? this.intraImage.apply(et, ut).fused : cat([et, ut]); // Eq. 9, 11  [B, m]
    return this.inter ? this.inter.apply(xI, xT) : cat([xI, xT]); // Eq. 12–15  [B, 2m]
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels); // Eq. 17
    const supcon = supCon(out.embedding!, batch.labels, { tau: this.o.tau, form: this.o.supconForm }); // Eq. 18
    const viewHead = crossEntropy(out.extra!.viewHead as tf.Tensor2D, batch.labels);
    const objective = tf.add(ce, tf.mul(supcon, this.o.alpha2)) as tf.Scalar; // Eq. 19
    return { total: tf.add(objective, viewHead) as tf.Scalar, ce, supcon, objective, viewHead };
  }
}
