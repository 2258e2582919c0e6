/**
 * "What you are seeing" under each chart: a fixed explanation plus one
 * sentence computed from the run, so the note always matches the picture.
 */
import type { EpochPoint, ExplorerResult } from './experiment';

const f = (x: number) => x.toFixed(3);
const last = (points: EpochPoint[], model: string, key: 'scoreText' | 'scoreImage') =>
  points.filter((p) => p.model === model && p[key] !== undefined).at(-1)?.[key];

export function scoresNote(points: EpochPoint[]): string {
  const base =
    'Each line is the batch-average probability that one branch gives the true class, over the training posts (BMLHF Eq. 2, the picture of its Fig. 2). ' +
    'Text (joint) and Image (joint) are the two slices of the joint model’s classifier; Image-only and Text-only are separate models that see one modality. ' +
    'When Image (joint) stays below Image-only, the joint model learns less from the image than the image alone would teach: the stronger text suppresses it.';
  const ij = last(points, 'joint', 'scoreImage'),
    io = last(points, 'image-only', 'scoreImage');
  if (ij === undefined || io === undefined) return base;
  const gap = io - ij;
  const verdict =
    gap > 0.01
      ? `Image (joint) ends ${f(gap)} below Image-only (${f(ij)} vs ${f(io)}): suppressed.`
      : gap < -0.01
        ? `Image (joint) ends above Image-only (${f(ij)} vs ${f(io)}): no suppression here.`
        : `Image (joint) and Image-only end level (${f(ij)} vs ${f(io)}).`;
  return `${base} Now: ${verdict}`;
}

export function accuracyNote(r: ExplorerResult | null): string {
  const base =
    'Validation accuracy of each model after every epoch; each model keeps the weights of its best validation epoch, and the readouts above are test accuracy of those weights, at the test missing rate you chose. ' +
    'With a weak image, the joint model barely beats text-only; make the image stronger and the joint model pulls ahead.';
  if (!r) return base;
  const a = r.testAcc;
  const gain = a.joint - Math.max(a['text-only'], a['image-only']);
  return `${base} Now: joint ${f(a.joint)}, text-only ${f(a['text-only'])}, image-only ${f(a['image-only'])} — the joint model is ${gain >= 0 ? `${f(gain)} above` : `${f(-gain)} below`} the better single modality.`;
}

export function missingNote(r: ExplorerResult | null): string {
  const base =
    'Test accuracy as a growing share of the same test posts loses the chosen modality (its features become zeros, as for a post whose image is missing). ' +
    'A model that leans on the text falls when the text goes; train with some missing posts (missing rate, training) and see whether the joint model copes better.';
  if (!r) return base;
  const j = r.curve.filter((c) => c.model === 'joint');
  return `${base} Now: the joint model goes from ${f(j[0].acc)} (nothing missing) to ${f(j[j.length - 1].acc)} (all missing).`;
}
