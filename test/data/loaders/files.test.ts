/** The `files` loader (the workbench's own layout): bad posts.csv rows are errors naming the line and field. */
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../../lib/data/loaders/files';
import { put, tempDir } from './helpers';

const load = (csv: string) => {
  const dataDir = tempDir('mmfnd-files-');
  put(dataDir, 'toy/posts.csv', csv);
  return () => loadFiles({ dataDir, dir: 'toy', quiet: true });
};

describe('files loader: bad input', () => {
  it('a label that is not 0 / 1', () => expect(load('id,label\na,1\nb,fake\n')).toThrow(/posts\.csv:3: field 'label' is 'fake', expected 1 \(fake\) or 0 \(real\)/));
  it('an unknown column', () => expect(load('id,label,lable2\na,1,0\n')).toThrow(/posts\.csv:1: unknown column\(s\) lable2/));
  it('a duplicate id', () => expect(load('id,label\na,1\na,0\n')).toThrow(/duplicate id 'a': .*posts\.csv line 2 and .*posts\.csv line 3/));
  it('a bad split', () => expect(load('id,label,split\na,1,dev\n')).toThrow(/posts\.csv:2: field 'split' is 'dev', expected train, val or test/));
  it('no dir option', () => expect(() => loadFiles({})).toThrow(/files: option 'dir' is undefined/));
  it('a good file: counts in the notes, text presence from the text column', () => {
    const ds = load('id,label,split,text\na,1,train,hello\nb,0,test,\n')();
    expect(Array.from(ds.present.text)).toEqual([1, 0]);
    expect(ds.notes![0]).toBe('posts.csv: 2 posts (1 fake), splits train 1 / val 0 / test 1');
  });
});
