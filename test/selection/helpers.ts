/** A hand-made pool of truthful pairs in 2-D "CLIP space" (unit vectors at given angles). */
import type { PairSet } from '../../lib/selection/pairs';

export function poolAt(imageAngles: number[], textAngles: number[], ids = imageAngles.map((_, i) => `p${i}`)): PairSet {
  const n = imageAngles.length;
  const rows = (as: number[]) => Float32Array.from(as.flatMap((a) => [Math.cos(a), Math.sin(a)]));
  const key = (as: number[], i: number) => `k${as[i].toFixed(6)}`;
  return {
    d: 2,
    image: rows(imageAngles),
    text: rows(textAngles),
    label3: new Int32Array(n),
    kind: ids.map(() => 'real' as const),
    imageSource: ids,
    textSource: ids.slice(),
    imageKey: imageAngles.map((_, i) => `i${key(imageAngles, i)}`),
    textKey: textAngles.map((_, i) => `t${key(textAngles, i)}`),
    origin: ids.map(() => 'target'),
  };
}
