/**
 * Records of a quoted CSV/TSV file, with the physical lines each came from.
 *
 * Parsing is csv-parse's (RFC-4180 quoting: a field that starts with `"` may
 * hold delimiters and newlines, inner quotes doubled; `relax_quotes` keeps a
 * stray quote inside an unquoted field literal). Field counts are not
 * enforced here, so callers can report them per line.
 *
 * Quoting has one failure mode that no field count catches on its own: a
 * stray `"` at the start of a field opens a quoted field that runs on, over
 * tabs and newlines, to the next quote that happens to be followed by a
 * delimiter, swallowing the rows between into one record. So each record
 * carries its first and last line (`start`, `end`), and `spanProblem` says
 * when a record that spans lines looks like swallowed rows. An unclosed quote
 * (one that runs to the end of the file) throws naming the line where it
 * opened, not the last line of the file where csv-parse gives up.
 */
import { parse } from 'csv-parse/sync';
import { readText } from './common';

/** One record: its fields and its 1-based first and last physical line. */
export interface Rec {
  record: string[];
  start: number;
  end: number;
}

interface RawRec {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** Records of the file at `path`; errors name the file (and line). */
export function parseDelimited(path: string, delimiter = ','): Rec[] {
  return parseDelimitedText(readText(path), path, delimiter);
}

/** Records of `text` (read from `path`, which errors name). */
export function parseDelimitedText(text: string, path: string, delimiter = ','): Rec[] {
  const kind = delimiter === '\t' ? 'TSV' : 'CSV';
  let lastEnd = 0; // last line of the last record parsed before an error
  let raw: RawRec[];
  try {
    // with info + raw, csv-parse hands on_record (and returns) { record, raw, info } objects
    raw = (parse as unknown as (input: string, o: object) => RawRec[])(text, {
      delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, info: true, raw: true,
      on_record: (r: RawRec) => { lastEnd = r.info.lines; return r; },
    });
  } catch (e) {
    const err = e as Error & { code?: string; lines?: number };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      const open = openingQuoteLine(text, delimiter, lastEnd + 1);
      throw new Error(`${path}: ${kind} parse error: Quote Not Closed: the quote that opens a field on line ${open} is never closed (the record runs from line ${open} to the end of the file, line ${err.lines ?? '?'})`);
    }
    throw new Error(`${path}: ${kind} parse error: ${err.message}`);
  }
  return raw.map((r) => ({ record: r.record, start: r.info.lines - innerLineBreaks(r.raw), end: r.info.lines }));
}

/** Line breaks inside a record's raw text (not the empty lines before it, nor its own terminator). */
function innerLineBreaks(raw: string): number {
  const body = raw.replace(/^(?:\r?\n)+/, '').replace(/\r?\n$/, '');
  let n = 0;
  for (let k = body.indexOf('\n'); k >= 0; k = body.indexOf('\n', k + 1)) n++;
  return n;
}

/**
 * The line on which the quote that is still open at the end of the file was
 * opened, scanning from line `from` (where the failing record starts) with
 * csv-parse's rules under relax_quotes. Falls back to `from`.
 */
function openingQuoteLine(text: string, delimiter: string, from: number): number {
  let pos = 0;
  for (let line = 1; line < from && pos >= 0; line++) pos = text.indexOf('\n', pos) + 1 || -1;
  if (pos < 0) return from;
  let line = from;
  let fieldStart = true;
  let quoted = false;
  let openedAt = from;
  for (; pos < text.length; pos++) {
    const c = text[pos];
    if (quoted) {
      if (c === '\n') line++;
      else if (c === '"') {
        const next = text[pos + 1];
        if (next === '"') pos++; // "" = an escaped quote
        else quoted = false; // closes (before a delimiter / newline) or, relaxed, turns the rest of the field literal
      }
      continue;
    }
    if (c === '\n') { line++; fieldStart = true; continue; }
    if (c === delimiter) { fieldStart = true; continue; }
    if (c === '"' && fieldStart) { quoted = true; openedAt = line; }
    fieldStart = false;
  }
  return quoted ? openedAt : from;
}

/**
 * Why a record that spans lines looks like rows swallowed by a stray quote,
 * or undefined when it does not (or sits on one line):
 * - a field holding both a line break and a delimiter (with a tab delimiter
 *   that is never text: it is the next fields of the next rows), or
 * - more than `maxLines` lines in one record.
 * `quoteLine` is where the field holding the first line break started.
 */
export function spanProblem(rec: Rec, header: readonly string[], delimiter: string, maxLines: number): { reason: string; quoteLine: number } | undefined {
  if (rec.end === rec.start) return undefined;
  const k = rec.record.findIndex((f) => f.includes('\n'));
  let quoteLine = rec.start;
  for (let j = 0; j < Math.max(k, 0); j++) quoteLine += rec.record[j].split('\n').length - 1;
  const name = k >= 0 ? `field '${header[k] ?? k + 1}'` : 'a field';
  const lines = rec.end - rec.start + 1;
  const delimName = delimiter === '\t' ? 'tab' : `'${delimiter}'`;
  const both = rec.record.findIndex((f) => f.includes('\n') && f.includes(delimiter));
  if (both >= 0) {
    const f = rec.record[both];
    const breaks = f.split('\n').length - 1;
    const delims = f.split(delimiter).length - 1;
    return { reason: `one record spans lines ${rec.start}-${rec.end} and its field '${header[both] ?? both + 1}' holds ${breaks} line break(s) and ${delims} ${delimName}(s) (${f.length} characters): a quote opened on line ${quoteLine} joined the rows between`, quoteLine };
  }
  if (lines > maxLines) return { reason: `one record spans ${lines} lines (${rec.start}-${rec.end}; at most ${maxLines} expected), ${name} holding the line breaks: a quote opened on line ${quoteLine} joined the rows between`, quoteLine };
  return undefined;
}
