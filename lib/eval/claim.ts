/**
 * A claim: a statement (the paper's, or the workbench's own) checked on our runs, with the
 * comparison, n, effect, interval or p, the test that decided it and the verdict
 * (lib/eval/verdict.ts). Artefacts compute claims from results; claims.md and the HTML report
 * render them as they are. Claims that restate one comparison are one claim.
 */
import { outcomeText, type Outcome, type Verdict } from './verdict';

/** 'paper': the paper says it; 'workbench': our own statement (a figure or sweep the paper does not have). */
export type ClaimSource = 'paper' | 'workbench';
/** the three outcomes of a check, and 'not checked' when there was nothing to check (data not here, a failed run) */
export type ClaimVerdict = Verdict | 'not checked';
export const VERDICTS: ClaimVerdict[] = ['holds', 'does not hold', 'undecided', 'not checked'];

export interface Claim {
  /** the statement, e.g. "text-only beats image-only" */
  statement: string;
  source: ClaimSource;
  /** where it was checked (dataset / setting) */
  on: string;
  verdict: ClaimVerdict;
  /** the comparison, n, effect, interval / p and test behind the verdict; absent when not checked or a plain fact */
  outcome?: Outcome;
  /** which test decided (the outcome's, or e.g. "exact count") */
  test?: string;
  /** the numbers behind the verdict in words — or why it was not checked */
  evidence: string;
}

interface Base {
  statement: string;
  on: string;
  /** default 'paper' */
  source?: ClaimSource;
}

/** A claim decided by a test: the verdict is the outcome's; the evidence is the caller's numbers plus the outcome. */
export function claimFrom(base: Base, outcome: Outcome, numbers?: string): Claim {
  // every undecided claim says what would decide it (the verdict module always sets it; a hand-made outcome must too)
  if (outcome.verdict === 'undecided' && (!outcome.reason || !outcome.toDecide))
    throw new Error(`claim "${base.statement}" (${base.on}): an undecided outcome needs a reason and what would decide it`);
  return {
    statement: base.statement,
    source: base.source ?? 'paper',
    on: base.on,
    verdict: outcome.verdict,
    outcome,
    test: outcome.test,
    evidence: numbers ? `${numbers}; ${outcomeText(outcome)}` : outcomeText(outcome),
  };
}

/** A claim about an exact, deterministic quantity (a dataset count, a plan property): no seeds involved. */
export function factClaim(base: Base, holds: boolean, evidence: string, test = 'exact check (deterministic, no seed variation)'): Claim {
  return { statement: base.statement, source: base.source ?? 'paper', on: base.on, verdict: holds ? 'holds' : 'does not hold', test, evidence };
}

/** A claim that could not be checked here (data not available, a failed run): why. */
export function notChecked(base: Base, why: string): Claim {
  return {
    statement: base.statement,
    source: base.source ?? 'paper',
    on: base.on,
    verdict: 'not checked',
    evidence: `not checked: ${why.replace(/^not checked[:\s—-]*/, '')}`,
  };
}

export type ClaimCounts = Record<ClaimVerdict, number>;
export const emptyCounts = (): ClaimCounts => ({ holds: 0, 'does not hold': 0, undecided: 0, 'not checked': 0 });

/** Counts per source and verdict. */
export function countClaims(claims: Claim[]): Record<ClaimSource, ClaimCounts> {
  const out = { paper: emptyCounts(), workbench: emptyCounts() };
  for (const c of claims) out[c.source][c.verdict]++;
  return out;
}

/** The counts sentence claims.md and the docs share (test/docs/claim-counts.test.ts parses it). */
export function countsSentence(c: Record<ClaimSource, ClaimCounts>): string {
  const part = (x: ClaimCounts) => `${x.holds} hold, ${x['does not hold']} do not hold, ${x.undecided} undecided, ${x['not checked']} not checked`;
  return `Paper's claims: ${part(c.paper)}; workbench claims: ${part(c.workbench)}.`;
}

/** Decided claims first (holds, then does not hold), then undecided, then not checked; stable within each. */
export function byVerdict<T extends { verdict: ClaimVerdict }>(xs: T[]): T[] {
  return xs
    .map((x, i) => [x, i] as const)
    .sort((a, b) => VERDICTS.indexOf(a[0].verdict) - VERDICTS.indexOf(b[0].verdict) || a[1] - b[1])
    .map(([x]) => x);
}

/**
 * A claim as results.json written it before verdicts had three outcomes ({ holds: true | false | null }):
 * read as holds / does not hold / not checked, source 'paper', so an old results.json still renders.
 */
export function normaliseClaim(raw: unknown): Claim {
  const c = (raw ?? {}) as Record<string, unknown>;
  const text = (k: string) => (typeof c[k] === 'string' ? (c[k] as string) : '');
  const verdict: ClaimVerdict = VERDICTS.includes(c.verdict as ClaimVerdict)
    ? (c.verdict as ClaimVerdict)
    : c.holds === true
      ? 'holds'
      : c.holds === false
        ? 'does not hold'
        : 'not checked';
  return {
    statement: text('statement'),
    source: c.source === 'workbench' ? 'workbench' : 'paper',
    on: text('on'),
    verdict,
    ...(c.outcome ? { outcome: c.outcome as Outcome } : {}),
    ...(typeof c.test === 'string' ? { test: c.test } : {}),
    evidence: text('evidence'),
  };
}
