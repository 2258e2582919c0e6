import { describe, expect, it } from 'vitest';
import { parseDelimited, parseDelimitedText, spanProblem } from '../../../lib/data/loaders/delimited';
import { put, tempDir } from './helpers';

describe('parseDelimitedText: records and their lines', () => {
  it('first and last line per record, across quoted newlines, empty lines and CRLF', () => {
    const text = 'a,b,c\r\n1,"x\r\ny\r\nz",2\r\n\r\n\r\n3,4,5\r\n6,"q ""r""",7';
    const recs = parseDelimitedText(text, 'mem.csv');
    expect(recs.map((r) => [r.start, r.end])).toEqual([[1, 1], [2, 4], [7, 7], [8, 8]]);
    expect(recs[1].record[1]).toBe('x\r\ny\r\nz');
    expect(recs[3].record[1]).toBe('q "r"');
  });

  it('a quote inside an unquoted field stays literal (relax_quotes)', () => {
    expect(parseDelimitedText('a\tb\n1\tsay "hi\n', 'm.tsv', '\t')[1].record).toEqual(['1', 'say "hi']);
  });

  it('an unclosed quote names the line where it opened, after a closed multi-line field', () => {
    const text = 'a,b\n1,"two\nlines"\n2,ok\n3,"open\n4,x\n5,y\n';
    expect(() => parseDelimitedText(text, 'f.csv')).toThrow(/^f\.csv: CSV parse error: Quote Not Closed: the quote that opens a field on line 5 is never closed \(the record runs from line 5 to the end of the file, line 7\)$/);
  });

  it('an unclosed quote in a later field of the record; a file read from disk names its path', () => {
    const root = tempDir();
    const p = put(root, 'x/t.tsv', 'a\tb\tc\n1\t"closed"\t"open\n2\t3\t4\n');
    expect(() => parseDelimited(p, '\t')).toThrow(/x\/t\.tsv: TSV parse error: Quote Not Closed: the quote that opens a field on line 2/);
  });
});

describe('spanProblem', () => {
  const header = ['id', 'title', 'label'];
  const parse = (t: string) => parseDelimitedText(t, 'm.tsv', '\t');

  it('one-line and short multi-line records without tabs in a field are fine', () => {
    const recs = parse('id\ttitle\tlabel\n1\t"two\nlines"\t0\n2\tx\t1\n');
    expect(recs.slice(1).map((r) => spanProblem(r, header, '\t', 10))).toEqual([undefined, undefined]);
  });

  it('a field holding line breaks and tabs: swallowed rows, with the line its quote opened on', () => {
    const recs = parse('id\ttitle\tlabel\n1\t"ok\nok"\t0\n2\t"stray\t1\n3\tx\t0\n4\tsaid "hi"\t1\n');
    const p = spanProblem(recs[2], header, '\t', 10)!;
    expect([recs[2].start, recs[2].end]).toEqual([4, 6]);
    expect(p.quoteLine).toBe(4);
    expect(p.reason).toMatch(/^one record spans lines 4-6 and its field 'title' holds 2 line break\(s\) and 4 tab\(s\) \(\d+ characters\): a quote opened on line 4 joined the rows between$/);
  });

  it('more than maxLines lines is suspect on its own; quoteLine counts breaks in earlier fields', () => {
    const recs = parse('id\ttitle\tlabel\n"a\nb"\t"1\n2\n3"\t0\n');
    expect(spanProblem(recs[1], header, '\t', 10)).toBeUndefined();
    const p = spanProblem(recs[1], header, '\t', 3)!;
    expect(p.reason).toMatch(/^one record spans 4 lines \(2-5; at most 3 expected\), field 'id' holding the line breaks/);
    expect(p.quoteLine).toBe(2);
  });
});

describe('parseDelimitedText: CRLF files', () => {
  it('an unclosed quote after CRLF multi-line records still names its opening line', () => {
    const text = 'a,b\r\n1,"two\r\nlines"\r\n\r\n2,"open\r\n3,x\r\n';
    expect(() => parseDelimitedText(text, 'f.csv')).toThrow(/the quote that opens a field on line 5 is never closed/);
  });
});
