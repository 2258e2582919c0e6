/**
 * npm run report [-- --out figures]
 *
 * Writes figures/index.html: every paper under figures/ in one static page
 * (lib/report/html). npm run reproduce writes it too, after index.md.
 */
import { parseArgs } from 'node:util';
import { writeReport } from '../lib/report/html/index';

const HELP = `usage: npm run report -- [--out <dir>]
  --out <dir>   the figures folder to read and write index.html into (default: figures)
  -h, --help    this text`;

function main(): number {
  let args;
  try {
    args = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
  } catch (e) {
    process.stderr.write(`report: ${(e as Error).message}\n${HELP}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const file = writeReport(args.out ?? 'figures');
  process.stderr.write(`[report] wrote ${file}\n`);
  return 0;
}

process.exitCode = main();
