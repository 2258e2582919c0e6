/**
 * A DOM for Observable Plot in Node. Plot only needs `document` (passed as
 * the `document` plot option), so one linkedom document is created lazily and
 * reused: ~150 ms once instead of per figure, and nothing is made global.
 */
import { parseHTML } from 'linkedom';

let doc: unknown;

export function plotDocument(): unknown {
  doc ??= parseHTML('<!doctype html><html><head></head><body></body></html>').document;
  return doc;
}
