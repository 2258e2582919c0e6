/**
 * HMS main table: macro-F1 under full input, image-only (text missing) and
 * text-only (image missing) for each method and unimodal budget, mean ± std
 * over seeds, the paper's numbers beside where it reports them (Weibo
 * image-only; DGM4 multimodal per budget — a dataset we do not have).
 * Synthetic: every method × budget; real datasets: the 5 % budget.
 */
import * as aq from 'arquero';
import type { Artefact, ArtefactContext, Profile } from '../../experiment/artefact';
import { claimFrom, notChecked, type Claim } from '../../eval/claim';
import type { RunSpec } from '../../experiment/spec';
import { barChart } from '../../figures/bar';
import {
  BUDGETS,
  DATASETS,
  DEFAULT_BUDGET,
  HMS_UKR,
  IMAGE_ONLY,
  LATE_FUSION,
  MAIN_METHODS,
  MM_FT,
  MOD_DROPOUT,
  MOMKE,
  PAPER,
  STAGEWISE_FT,
  budgetLabel,
  methodRuns,
  type Method,
} from './common';
import { PAPER_VALUES } from './paper-values';
import { SETTINGS, ms, paired, resultsOf, summaryBySetting, verdictOf, type Setting, type Summary } from './summary';

const REAL_METHODS: Record<Profile, Method[]> = { quick: [MM_FT, MOD_DROPOUT, HMS_UKR], full: [LATE_FUSION, MM_FT, MOD_DROPOUT, MOMKE, STAGEWISE_FT, HMS_UKR] };

interface Cell {
  dataset: string;
  method: Method;
  budget: number | null;
  specs: RunSpec[];
}

function cells(profile: Profile): Cell[] {
  const out: Cell[] = [];
  for (const d of DATASETS) {
    const methods = d.real ? REAL_METHODS[profile] : MAIN_METHODS;
    for (const m of methods) {
      const budgets = m.budgeted ? (d.real ? [DEFAULT_BUDGET] : BUDGETS) : [null];
      for (const b of budgets) out.push({ dataset: d.key, method: m, budget: b, specs: methodRuns(profile, d.key, m, b === null ? {} : { budget: b }) });
    }
  }
  return out;
}

function paperCell(dataset: string, method: Method, budget: number | null, setting: Setting): string {
  if (dataset === 'weibo' && setting === 'image-only') {
    if (method === HMS_UKR) return `${PAPER_VALUES.weiboImageOnly.hms} (Weibo, with images)`;
    if (method === MM_FT) return `${PAPER_VALUES.weiboImageOnly.baseline} (Weibo, with images)`;
  }
  if (dataset === 'synthetic' && setting === 'full' && method === HMS_UKR && budget !== null && budget in PAPER_VALUES.dgm4Multimodal)
    return `${(PAPER_VALUES.dgm4Multimodal[budget] / 100).toFixed(3)} (DGM4)`;
  return '—';
}

export const table1: Artefact = {
  paper: PAPER,
  id: 'table1',
  title: 'Macro-F1 with full input, image-only and text-only, per method and unimodal budget',
  runs: (profile) => cells(profile).flatMap((c) => c.specs),
  build(ctx: ArtefactContext) {
    const rows: Record<string, unknown>[] = [];
    const numbers: Record<string, unknown>[] = [];
    const got = new Map<string, Record<Setting, Summary>>();
    const key = (d: string, m: Method, b: number | null) => `${d}|${m.label}|${b}`;
    const missingData = new Map<string, string>();
    for (const c of cells(ctx.profile)) {
      const d = DATASETS.find((x) => x.key === c.dataset)!;
      const base = { dataset: d.label, method: c.method.label, budget: c.budget === null ? '—' : budgetLabel(c.budget) };
      const res = resultsOf(ctx, c.specs);
      if ('unavailable' in res) {
        missingData.set(c.dataset, res.unavailable);
        rows.push({
          ...base,
          full: 'data not available',
          'image-only': 'data not available',
          'text-only': 'data not available',
          seeds: 0,
          paper: res.unavailable,
        });
        continue;
      }
      const s = summaryBySetting(res.results);
      // a run that predicts one class on test (recall 0 for a class) is flagged: its macro-F1 is a floor, not a model
      const oneClass = res.results.filter(({ r }) => r.test.fakeR === 0 || r.test.realR === 0).map((x) => x.seed);
      got.set(key(c.dataset, c.method, c.budget), s);
      const paper =
        SETTINGS.map((st) => [st, paperCell(c.dataset, c.method, c.budget, st)])
          .filter(([, v]) => v !== '—')
          .map(([st, v]) => `${st}: ${v}`)
          .join('; ') || '—';
      const flag = oneClass.length ? ` (one class: seed ${oneClass.join(', ')})` : '';
      rows.push({ ...base, full: ms(s.full) + flag, 'image-only': ms(s['image-only']), 'text-only': ms(s['text-only']), seeds: res.results.length, paper });
      numbers.push({
        oneClass,
        dataset: c.dataset,
        method: c.method.label,
        budget: c.budget,
        ...Object.fromEntries(SETTINGS.map((st) => [st, { mean: s[st].mean, std: s[st].std, values: s[st].values }])),
        seeds: s.full.seeds,
      });
    }

    const claims: Claim[] = [];
    const on = (d: string, b: number | null) => `${DATASETS.find((x) => x.key === d)!.label}${b === null ? '' : `, budget ${budgetLabel(b)}`}`;
    for (const d of DATASETS) {
      const budgets = d.real ? [DEFAULT_BUDGET] : BUDGETS;
      for (const b of budgets) {
        const ours = got.get(key(d.key, HMS_UKR, b));
        const mm = got.get(key(d.key, MM_FT, null));
        if (!ours || !mm) {
          const why = missingData.get(d.key);
          if (why) claims.push(notChecked({ statement: 'HMS + UKR raise image-only macro-F1 over plain multimodal fine-tuning', on: on(d.key, b) }, why));
          continue;
        }
        if (d.imagesMissing) {
          claims.push(
            notChecked(
              {
                statement: `HMS + UKR raise image-only macro-F1 (paper, Weibo: ${PAPER_VALUES.weiboImageOnly.baseline} → ${PAPER_VALUES.weiboImageOnly.hms})`,
                on: on(d.key, b),
              },
              `the public Weibo posts have no images (image-only input is all zeros: ours ${ms(ours['image-only'])} vs ${ms(mm['image-only'])}); the natural test here is text-only: HMS + UKR ${ms(ours['text-only'])} vs MM fine-tuning ${ms(mm['text-only'])}`,
            ),
          );
          continue;
        }
        const img = paired(ours['image-only'], mm['image-only'])!;
        claims.push(
          claimFrom(
            { statement: 'HMS + UKR raise image-only macro-F1 over plain multimodal fine-tuning', on: on(d.key, b) },
            verdictOf(ours['image-only'], mm['image-only'], ['HMS + UKR', 'MM fine-tuning']),
            img.text,
          ),
        );
        const sw = got.get(key(d.key, STAGEWISE_FT, b));
        if (sw) {
          const p = paired(ours['image-only'], sw['image-only'])!;
          claims.push(
            claimFrom(
              { statement: 'HMS + UKR raise image-only macro-F1 over stage-wise fine-tuning on the same budget', on: on(d.key, b) },
              verdictOf(ours['image-only'], sw['image-only'], ['HMS + UKR', 'stage-wise FT']),
              p.text,
            ),
          );
        }
        const full = paired(ours.full, mm.full)!;
        claims.push(
          claimFrom(
            { statement: 'HMS + UKR cost little with full input (macro-F1 at most 0.02 below MM fine-tuning)', on: on(d.key, b) },
            verdictOf(ours.full, mm.full, ['HMS + UKR', 'MM fine-tuning'], 0.02),
            full.text,
          ),
        );
      }
      const ours = got.get(key(d.key, HMS_UKR, DEFAULT_BUDGET)),
        momke = got.get(key(d.key, MOMKE, null));
      if (ours && momke && !d.imagesMissing) {
        const p = paired(ours['image-only'], momke['image-only'])!;
        claims.push(
          claimFrom(
            { statement: 'HMS + UKR beat the MoMKE-style mixture of experts in image-only macro-F1', on: on(d.key, DEFAULT_BUDGET) },
            verdictOf(ours['image-only'], momke['image-only'], ['HMS + UKR', 'MoMKE-style']),
            p.text,
          ),
        );
      }
    }

    const syn = numbers.filter((n) => n.dataset === 'synthetic') as { method: string; budget: number | null; [k: string]: unknown }[];
    const bars = syn.flatMap((n) =>
      SETTINGS.map((st) => {
        const v = n[st] as { mean: number; std: number | null };
        return { group: n.budget === null ? n.method : `${n.method} ${budgetLabel(n.budget)}`, series: st, value: v.mean, std: v.std ?? undefined };
      }),
    );
    const ceiling = got.get(key('synthetic', IMAGE_ONLY, null)),
      mmSyn = got.get(key('synthetic', MM_FT, null));
    const ceilingNote =
      ceiling && mmSyn
        ? [
            `On synthetic the image alone supports little: the image-only model reaches ${ms(ceiling.full)} macro-F1 and plain MM fine-tuning already keeps ${ms(mmSyn['image-only'])} with the text missing, so the room for image-only gains is ${(ceiling.full.mean - mmSyn['image-only'].mean).toFixed(3)} — small next to the seed spread.`,
          ]
        : [];
    return {
      figures: [
        {
          name: 'table1',
          svg: barChart(bars, { title: 'HMS — macro-F1 by inference setting (synthetic)', y: 'macro-F1', yDomain: [0.3, 0.85], width: 960, digits: 2 }),
        },
      ],
      tables: [
        {
          name: 'table1',
          title: 'Macro-F1: full input, image-only (text missing), text-only (image missing); mean ± std over seeds',
          table: aq.from(rows),
          note: "paper: the paper's value where it reports one (Weibo image-only; DGM4 multimodal — a dataset not available here, printed beside our synthetic row only as the paper's level).",
        },
      ],
      numbers: { cells: numbers, paper: PAPER_VALUES },
      claims,
      differences: [
        ...ceilingNote,
        "The paper fine-tunes a multimodal LLM (LLaVA-scale) on DGM4 and Weibo; ours is a 2-layer × 4-head transformer over one token per pooled feature view (4 tokens + [CLS]) — the same mechanism at toy scale, on the workbench's stand-in features.",
        "Public Weibo has no images: image-only Weibo numbers are a model on all-zero image input, not the paper's 0.3187 → 0.6063 setting; text-only is the natural Weibo test here.",
        "DGM4 is not available; its multimodal macro-F1 (79.7 % at 0.25 %, 79.3 % at 5 %) is printed beside our synthetic rows only as the paper's level, not as a comparable number.",
        'Unimodal budgets are stratified samples of the training posts used with the other modality removed (the posts have one label for both modalities); DGM4 has separate manipulation labels per modality.',
        'Baselines are trained on all multimodal posts without the unimodal budget stages; stage-wise FT is the same schedule as ours without HMS and UKR.',
      ],
    };
  },
};
