/**
 * reproduce's progress over the runs it computes: on a terminal, one bar
 * with the runs done, elapsed time and an ETA (cli-progress; failures are
 * printed above it); elsewhere (a pipe, CI, a log file) one line per run,
 * which is what reproduce() does without a progress.
 */
import cliProgress from 'cli-progress';
import type { RunProgress } from '../lib/experiment/reproduce';

export function runProgress(stream: NodeJS.WriteStream = process.stderr): RunProgress | undefined {
  if (!stream.isTTY || process.env.MMFND_QUIET === '1') return undefined;
  let multi: cliProgress.MultiBar | undefined, bar: cliProgress.SingleBar | undefined;
  return {
    start(total) {
      multi = new cliProgress.MultiBar(
        {
          format: 'runs {bar} {value}/{total} | {duration_formatted} elapsed | eta {eta_formatted} | {last}',
          stream,
          hideCursor: true,
          etaBuffer: 20,
          etaAsynchronousUpdate: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      bar = multi.create(total, 0, { last: '' });
    },
    tick(done, line) {
      if (/ FAILED /.test(line)) multi?.log(line + '\n');
      bar?.update(done, { last: line.replace(/^\[reproduce\] \d+\/\d+ /, '').slice(0, 60) });
    },
    stop() {
      multi?.stop();
    },
  };
}
