// Longest common subsequence of two integer sequences by Myers' O((N+M)·D) algorithm in linear space
// (divide and conquer on the middle snake). Returns, for each element of `a`, the index of the element
// of `b` it is matched with, or -1.

/** Finds the middle snake of a[aLo..aHi) × b[bLo..bHi): [xStart, yStart, xEnd, yEnd] relative to aLo/bLo. */
function middleSnake(a: ArrayLike<number>, aLo: number, aHi: number, b: ArrayLike<number>, bLo: number, bHi: number): [number, number, number, number] {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const delta = n - m;
  const odd = (delta & 1) !== 0;
  const max = Math.ceil((n + m) / 2) + 1;
  const offset = max + 1;
  const vf = new Int32Array(2 * max + 3);
  const vb = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && vf[offset + k - 1]! < vf[offset + k + 1]!) ? vf[offset + k + 1]! : vf[offset + k - 1]! + 1;
      let y = x - k;
      const x0 = x;
      const y0 = y;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) x++, y++;
      vf[offset + k] = x;
      const kb = delta - k;
      if (odd && kb >= -(d - 1) && kb <= d - 1 && x + vb[offset + kb]! >= n) return [x0, y0, x, y];
    }
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && vb[offset + k - 1]! < vb[offset + k + 1]!) ? vb[offset + k + 1]! : vb[offset + k - 1]! + 1;
      let y = x - k;
      const x0 = x;
      const y0 = y;
      while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) x++, y++;
      vb[offset + k] = x;
      const kf = delta - k;
      if (!odd && kf >= -d && kf <= d && x + vf[offset + kf]! >= n) return [n - x, m - y, n - x0, m - y0];
    }
  }
  throw new Error('middleSnake: no overlap (unreachable)');
}

function match(a: ArrayLike<number>, aLo: number, aHi: number, b: ArrayLike<number>, bLo: number, bHi: number, out: Int32Array): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) out[aLo++] = bLo++;
  while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) out[--aHi] = --bHi;
  if (aLo === aHi || bLo === bHi) return;
  const [xs, ys, xe, ye] = middleSnake(a, aLo, aHi, b, bLo, bHi);
  for (let i = 0; i < xe - xs; i++) out[aLo + xs + i] = bLo + ys + i;
  match(a, aLo, aLo + xs, b, bLo, bLo + ys, out);
  match(a, aLo + xe, aHi, b, bLo + ye, bHi, out);
}

export function matchSequences(a: ArrayLike<number>, b: ArrayLike<number>): Int32Array {
  const out = new Int32Array(a.length).fill(-1);
  // Elements absent from the other side can never match; dropping them first makes wholesale
  // rewrites (the expensive case for Myers) cheap without changing the result's length.
  const inB = new Set<number>();
  for (let j = 0; j < b.length; j++) inB.add(b[j]!);
  const inA = new Set<number>();
  for (let i = 0; i < a.length; i++) inA.add(a[i]!);
  const aIndex: number[] = [];
  const bIndex: number[] = [];
  for (let i = 0; i < a.length; i++) if (inB.has(a[i]!)) aIndex.push(i);
  for (let j = 0; j < b.length; j++) if (inA.has(b[j]!)) bIndex.push(j);
  const fa = aIndex.map((i) => a[i]!);
  const fb = bIndex.map((j) => b[j]!);
  const filtered = new Int32Array(fa.length).fill(-1);
  match(fa, 0, fa.length, fb, 0, fb.length, filtered);
  filtered.forEach((j, i) => {
    if (j >= 0) out[aIndex[i]!] = bIndex[j]!;
  });
  return out;
}

export type EditOp = { op: 'equal'; a: number; b: number } | { op: 'delete'; a: number } | { op: 'insert'; b: number };

/** The edit script from `a` to `b`: between matches, deletions come before insertions. */
export function editScript(a: ArrayLike<number>, b: ArrayLike<number>): EditOp[] {
  const aToB = matchSequences(a, b);
  const bMatched = new Uint8Array(b.length);
  for (const j of aToB) if (j >= 0) bMatched[j] = 1;
  const ops: EditOp[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && aToB[i] === -1) ops.push({ op: 'delete', a: i++ });
    else if (j < b.length && !bMatched[j]) ops.push({ op: 'insert', b: j++ });
    else ops.push({ op: 'equal', a: i++, b: j++ });
  }
  return ops;
}

/** Maps values to small integers so sequences compare by number. */
export class Interner<T> {
  private readonly ids = new Map<T, number>();
  id(value: T): number {
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.ids.size));
    return id;
  }
}
