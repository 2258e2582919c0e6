/**
 * One training step of the trainer (lib/train/trainer.ts), inside tf.tidy:
 *   value, grads = optimizer.computeGradients(w·loss(forward(batch)) + Σ extra)   (w, extra: balancer.stepLoss)
 *   grads[g] *= balancer.k[g]         for every group g (MIB Eq. 5, OGM-GE)
 *   grads     = balancer.transformGradients(grads)   (noise, projection, clipping; when it has one)
 *   grads    += wd · θ                (PyTorch Adam's coupled weight decay)
 *   optimizer.applyGradients(grads)
 * or, in balanceMode 'update', θ_g ← θ_g,old + k_g · (θ_g,new − θ_g,old) after the update (why: trainer.ts);
 * and θ ← θ_old + F ⊙ (θ_new − θ_old) for the variables a method names in updateFactors (UKR).
 * Returns the step's record: loss terms, branch scores (Eq. 2), correct count, the balancer's numbers.
 */
import { tf } from '../backend/index';
import type { Dataset, Modality } from '../data/dataset';
import { makeBatch } from '../data/batch';
import type { Model } from '../models/model';
import type { ResolvedTrainOptions } from './options';
import { isFlatAdam } from './flat-adam';

export function trainStep(
  model: Model,
  optimizer: tf.Optimizer,
  vars: tf.Variable[],
  groupOf: Map<string, string>,
  ds: Dataset,
  idx: Int32Array,
  o: ResolvedTrainOptions,
  epoch: number,
  step: number,
  drop?: (Modality | null)[],
): Record<string, number> {
  const method = o.balancer;
  return tf.tidy(() => {
    const batch = makeBatch(ds, idx, drop ?? 'none'); // drop: a method's per-row modality drops (re-sampling)
    let kept: tf.Tensor[] = [];
    let names: string[] = [];
    let stepRecord: Record<string, number> = {};
    const { grads } = optimizer.computeGradients(() => {
      const out = model.forward(batch, true);
      let losses = model.loss(out, batch);
      let minimised = losses.total;
      if (method?.stepLoss) {
        const extra = method.stepLoss({ model, batch, out, data: ds, epoch, step }) || {};
        const terms = extra.losses ?? {};
        const key = 'balanced'; // recorded as loss_balanced: what the optimiser minimises
        for (const k of [...Object.keys(terms), key])
          if (k in losses) throw new Error(`train(): balancer '${method.name}' loss term '${k}' clashes with a loss of '${model.name}'`);
        const w = extra.modelWeight ?? 1;
        const parts = [...(w === 0 ? [] : [w === 1 ? losses.total : (tf.mul(losses.total, w) as tf.Scalar)]), ...Object.values(terms)];
        if (!parts.length) throw new Error(`train(): balancer '${method.name}' gave the model's loss weight 0 and no loss terms`);
        minimised = parts.slice(1).reduce((a, t) => tf.add(a, t) as tf.Scalar, parts[0]);
        losses = { ...losses, ...terms, [key]: minimised };
        stepRecord = extra.record ?? {};
      }
      names = Object.keys(losses);
      const y1h = tf.oneHot(batch.labels, model.classes ?? 2);
      const branchNames = Object.keys(out.branches ?? {});
      // Σ_i softmax(branch_u)[y_i], per branch: the Eq. 2 information of each branch
      const scores = branchNames.map((b) => tf.sum(tf.mul(tf.softmax(out.branches![b]), y1h)));
      const correct = tf.sum(tf.equal(tf.argMax(out.logits, 1), batch.labels).asType('float32'));
      kept = [...names.map((n) => losses[n]), ...scores, correct].map((t) => tf.keep(t));
      names = [...names.map((n) => `loss_${n}`), ...branchNames.map((b) => `score_${b}`), 'correct'];
      return minimised;
    }, vars);
    const values = kept.map((t) => t.dataSync()[0]);
    tf.dispose(kept); // tf.keep()-ed to survive computeGradients' own tidy; ours does not free them
    const rec: Record<string, number> = Object.fromEntries(names.map((n, i) => [n, values[i]]));
    // a NaN loss would silently freeze the weights into a one-class model: stop, naming the term
    const bad = names.find((n, i) => n.startsWith('loss_') && !Number.isFinite(values[i]));
    if (bad)
      throw new Error(
        `train(): ${bad.slice(5)} loss of '${model.name}' is ${rec[bad]} at epoch ${epoch}, step ${step} (batch rows ${idx[0]}…); check the inputs for NaN/zero rows`,
      );
    for (const [k, v] of Object.entries(rec)) if (k.startsWith('score_')) rec[k] = v / idx.length;

    let scale: Record<string, number> = {};
    if (o.balancer) {
      const scoreSums = Object.fromEntries(
        Object.entries(rec)
          .filter(([k]) => k.startsWith('score_'))
          .map(([k, v]) => [k.slice(6), v * idx.length]),
      );
      const res = o.balancer.modulate({ scoreSums, batchSize: idx.length, epoch, step });
      scale = res.scale;
      Object.assign(rec, res.record ?? {});
    }
    Object.assign(rec, stepRecord);
    const final: tf.NamedTensorMap = {};
    const byUpdate = o.balanceMode === 'update';
    const before = new Map<tf.Variable, tf.Tensor>();
    const sliceBefore = new Map<tf.Variable, tf.Tensor>();
    let modulated: Record<string, tf.Tensor> = {};
    for (const v of vars) {
      let g = grads[v.name];
      if (!g) continue;
      const k = scale[groupOf.get(v.name) ?? ''];
      if (k !== undefined && k !== 1) {
        if (byUpdate) before.set(v, tf.clone(v));
        else g = tf.mul(g, k);
      }
      if (method?.updateFactors?.has(v.name)) sliceBefore.set(v, tf.clone(v)); // per-element factors on the step (UKR)
      modulated[v.name] = g;
    }
    if (method?.transformGradients)
      modulated = method.transformGradients(modulated, { raw: grads as Record<string, tf.Tensor>, groupOf, scale, variables: vars, epoch, step, record: rec });
    // the flat Adam adds wd·θ itself, in the same float32 operations (one kernel fewer per variable)
    const foldDecay = isFlatAdam(optimizer) && o.weightDecay > 0 && o.weightDecayMode === 'coupled';
    for (const v of vars) {
      // tfjs's Adam keeps its moments by position in the list it is given, not by variable: a step that leaves
      // some variables without a gradient (MLA trains one modality per step) would hand one encoder's moments to
      // another. So every variable gets a gradient, zero where the loss does not reach it (PyTorch 1.x
      // zero_grad()). Variables that always have one (every model without such a method) are unaffected.
      let g = modulated[v.name] ?? tf.zerosLike(v);
      if (o.weightDecay > 0 && o.weightDecayMode === 'coupled' && !foldDecay) g = tf.add(g, tf.mul(v, o.weightDecay));
      final[v.name] = g;
    }
    if (foldDecay && isFlatAdam(optimizer)) optimizer.applyWithDecay(final, o.weightDecay);
    else optimizer.applyGradients(final as Parameters<typeof optimizer.applyGradients>[0]);
    if (o.weightDecay > 0 && o.weightDecayMode === 'decoupled') {
      for (const v of vars) v.assign(tf.mul(v, 1 - o.lr * o.weightDecay));
    }
    for (const [v, old] of before) {
      const k = scale[groupOf.get(v.name)!];
      v.assign(tf.add(old, tf.mul(tf.sub(v, old), k)));
    }
    for (const [v, old] of sliceBefore) v.assign(tf.add(old, tf.mul(tf.sub(v, old), method!.updateFactors!.get(v.name)!)));
    return rec;
  });
}
