/**
 * How well a point cloud separates the classes, as a number a claim can be
 * computed from (BMLHF Figs 4–6 are otherwise read by eye): the k-NN label
 * agreement — the mean, over points, of the share of its k nearest
 * neighbours (Euclidean, excluding itself) that carry its label. 0.5 is
 * what two balanced, fully mixed classes give; 1 is perfect separation.
 */
export function knnAgreement(rows: ArrayLike<number>[], labels: ArrayLike<number>, k = 5): number {
  const n = rows.length;
  if (labels.length !== n) throw new Error(`knnAgreement: ${n} rows but ${labels.length} labels`);
  if (!(Number.isInteger(k) && k >= 1 && k < n)) throw new Error(`knnAgreement: k must be an integer in 1..${n - 1}, got ${k}`);
  const d = rows[0].length;
  let total = 0;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rows[i];
    for (let j = 0; j < n; j++) {
      let s = 0;
      const b = rows[j];
      for (let c = 0; c < d; c++) s += (a[c] - b[c]) ** 2;
      dist[j] = j === i ? Infinity : s;
    }
    // k smallest by index order on ties (deterministic)
    const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => dist[x] - dist[y] || x - y);
    let same = 0;
    for (let t = 0; t < k; t++) same += labels[order[t]] === labels[i] ? 1 : 0;
    total += same / k;
  }
  return total / n;
}
