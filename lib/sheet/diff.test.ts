import { expect, test } from 'vitest';
import { compareSheets, diffText, type DiffPart } from './diff';

const apply = (parts: DiffPart[], side: 'before' | 'after') =>
  parts.filter((p) => p.op === 'equal' || p.op === (side === 'before' ? 'delete' : 'insert')).map((p) => p.text).join('');

test('a Chinese edit is marked character by character', () => {
  expect(diffText('研发部 12 月 1 日前交付', '研发部 12 月 5 日前交付两名测试')).toEqual([
    { op: 'equal', text: '研发部 12 月 ' },
    { op: 'delete', text: '1' },
    { op: 'insert', text: '5' },
    { op: 'equal', text: ' 日前交付' },
    { op: 'insert', text: '两名测试' },
  ]);
});

test('the diff always rebuilds both sides', () => {
  const pairs = [
    ['', 'new text'],
    ['old text', ''],
    ['same', 'same'],
    ['市场部：需要用户画像\n研发部：排期紧张', '研发部：排期紧张\n市场部：需要用户画像，10月18日前'],
    ['a b c d e f', 'a x c y e z'],
  ];
  for (const [before, after] of pairs) {
    const parts = diffText(before, after);
    expect(apply(parts, 'before')).toBe(before);
    expect(apply(parts, 'after')).toBe(after);
  }
});

test('compareSheets lists only the sections that changed, in the template order', () => {
  const base = { stage: 'discussion', meta: { title: '测试资源协调' }, recipients: [], tasks: [], feedback: [], result: { text: '待定' }, record: { text: '甲方诉求' } };
  const changed = compareSheets(base, { ...base, stage: 'executing', result: { text: '研发部提供两名测试' } });
  expect(changed.map((c) => c.section)).toEqual(['stage', 'result']);
  expect(compareSheets(base, base)).toEqual([]);
});

test('random edits: both sides always rebuild', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const text = (n: number) => Array.from({ length: n }, () => '甲乙丙 ab'[Math.floor(random() * 7)]).join('');
  for (let i = 0; i < 300; i++) {
    const before = text(Math.floor(random() * 30));
    const after = text(Math.floor(random() * 30));
    const parts = diffText(before, after);
    expect(apply(parts, 'before')).toBe(before);
    expect(apply(parts, 'after')).toBe(after);
  }
});
