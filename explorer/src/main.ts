/**
 * The explorer page: controls (controls.ts) → a run (experiment.ts) redrawn
 * after every epoch round → readouts, three charts and their notes.
 * Changing a control starts a new run (the one in progress is abandoned).
 * `window.explorer` exposes the state for the browser test and the curious.
 */
import { initBackend, currentBackend } from '../../lib/backend/index';
import { checkSettings, controls, DEFAULT_SETTINGS, type Control, type ExplorerSettings } from './controls';
import { MODELS, run, type EpochPoint, type ExplorerResult } from './experiment';
import { accuracyChart, missingChart, scoresChart } from './charts';
import { accuracyNote, missingNote, scoresNote } from './notes';

interface ExplorerState {
  settings: ExplorerSettings;
  result: ExplorerResult | null;
  /** runs finished so far */
  runs: number;
  running: boolean;
  backend: string | null;
  error: string | null;
  start(): void;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const query = new URLSearchParams(location.search);
const initial: Record<string, string> = {};
for (const [k, v] of query) if (k !== 'backend') initial[k] = v;

/** The URL's settings, or the defaults and a message when the URL names a bad one (an old or mistyped link). */
function fromUrl(): { settings: ExplorerSettings; problem: string | null } {
  try {
    return { settings: checkSettings(initial), problem: null };
  } catch (e) {
    return { settings: { ...DEFAULT_SETTINGS }, problem: `${(e as Error).message}; using the defaults` };
  }
}
const url = fromUrl();

const state: ExplorerState = { settings: url.settings, result: null, runs: 0, running: false, backend: null, error: null, start: () => schedule() };
(window as unknown as { explorer: ExplorerState }).explorer = state;

function format(c: Control, v: number | string): string {
  if (c.kind === 'select') return c.options.find((o) => o.value === v)?.label ?? String(v);
  return c.step >= 1 ? String(v) : Number(v).toFixed(2);
}

function buildControls(): void {
  const root = $('controls');
  for (const c of controls()) {
    const row = document.createElement('label');
    row.className = 'control';
    const value = state.settings[c.key];
    const out = document.createElement('output');
    out.id = `value-${c.key}`;
    out.textContent = format(c, value);
    let input: HTMLInputElement | HTMLSelectElement;
    if (c.kind === 'range') {
      const r = document.createElement('input');
      Object.assign(r, { type: 'range', min: String(c.min), max: String(c.max), step: String(c.step), value: String(value) });
      input = r;
    } else {
      const s = document.createElement('select');
      for (const o of c.options) s.add(new Option(o.label, o.value, undefined, o.value === value));
      input = s;
    }
    input.id = `control-${c.key}`;
    input.title = c.help;
    const read = () => (c.kind === 'range' ? Number(input.value) : input.value);
    input.addEventListener('input', () => (out.textContent = format(c, read())));
    input.addEventListener('change', () => {
      (state.settings as unknown as Record<string, unknown>)[c.key] = read();
      state.settings = checkSettings(state.settings);
      schedule();
    });
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = c.label;
    const help = document.createElement('small');
    help.textContent = c.help;
    row.append(name, out, input, help);
    root.append(row);
  }
  $('reset').addEventListener('click', () => {
    location.search = '';
  });
  $('run').addEventListener('click', () => schedule());
}

function draw(id: string, chart: Element, note: string): void {
  $(id).replaceChildren(chart);
  $(`${id}-note`).textContent = note;
}

function drawEpochs(points: EpochPoint[]): void {
  draw('chart-scores', scoresChart(points, state.settings.epochs), scoresNote(points));
  draw('chart-accuracy', accuracyChart(points, state.settings.epochs), accuracyNote(state.result));
}

function drawResult(r: ExplorerResult): void {
  for (const m of MODELS) $(`acc-${m}`).textContent = r.testAcc[m].toFixed(3);
  $('accuracy-note').textContent =
    `test accuracy at test missing rate ${r.settings.missingTest.toFixed(2)} (${r.sizes.test} test posts; trained on ${r.sizes.train}, selected on ${r.sizes.val}); best epochs ${MODELS.map((m) => `${m} ${r.bestEpoch[m]}`).join(', ')}`;
  draw('chart-accuracy', accuracyChart(r.epochs, r.settings.epochs), accuracyNote(r));
  draw('chart-missing', missingChart(r), missingNote(r));
}

/** ?key=value for every setting that is not the default (and the forced backend): a link reproduces the run. */
function shareable(s: ExplorerSettings): string {
  const defaults = DEFAULT_SETTINGS as unknown as Record<string, unknown>;
  const q = new URLSearchParams(
    Object.entries(s)
      .filter(([k, v]) => defaults[k] !== v)
      .map(([k, v]) => [k, String(v)]),
  );
  if (query.has('backend')) q.set('backend', query.get('backend')!);
  return `${location.pathname}${q.size ? `?${q}` : ''}`;
}

let cancel = false;
let again = false;

/** Starts a run with the current settings; a run in progress is abandoned first. */
function schedule(): void {
  if (state.running) {
    cancel = true;
    again = true;
    return;
  }
  void go();
}

async function go(): Promise<void> {
  state.running = true;
  state.error = null;
  cancel = false;
  const s = { ...state.settings };
  history.replaceState(null, '', shareable(s));
  $('status').textContent = 'generating posts…';
  document.body.classList.add('busy');
  try {
    const r = await run(s, {
      onEpoch: (points, round) => {
        $('status').textContent = `training: epoch ${Math.min(round, s.epochs)} of ${s.epochs}`;
        drawEpochs(points);
      },
      pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
      cancelled: () => cancel,
    });
    if (r) {
      state.result = r;
      state.runs++;
      drawResult(r);
      $('status').textContent = `done in ${r.seconds.toFixed(1)} s`;
      $('status').dataset.runs = String(state.runs);
    }
  } catch (e) {
    state.error = (e as Error).message;
    $('status').textContent = `error: ${state.error}`;
    console.error(e);
  } finally {
    state.running = false;
    document.body.classList.remove('busy');
  }
  if (again) {
    again = false;
    void go();
  }
}

async function main(): Promise<void> {
  buildControls();
  $('status').textContent = 'starting TensorFlow.js…';
  await initBackend({ backend: query.get('backend') ?? 'auto' });
  state.backend = await currentBackend();
  $('backend').textContent = `TensorFlow.js backend: ${state.backend ?? '?'}${url.problem ? ` — link ignored: ${url.problem}` : ''}`;
  schedule();
}

main().catch((e) => {
  state.error = (e as Error).message;
  $('status').textContent = `error: ${state.error}`;
  console.error(e);
});
