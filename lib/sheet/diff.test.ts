import { expect, test } from 'vitest';
import { setDisplayTimeZone } from '../i18n';
import { compareSheets, diffText, sectionText, type DiffPart } from './diff';

// As the server sets it from TIME_ZONE.
setDisplayTimeZone('Asia/Shanghai');

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
  const changed = compareSheets(base, { ...base, stage: 'executing', result: { text: '研发部提供两名测试' } }, 'zh-CN');
  expect(changed.map((c) => c.section)).toEqual(['stage', 'result']);
  expect(compareSheets(base, base, 'zh-CN')).toEqual([]);
});

test('the diff reads in the person’s words: stage, field and status names, dates as the locale writes them, never codes or raw timestamps', () => {
  const base = {
    stage: 'initiated',
    meta: { title: '测试资源协调', urgency: 'normal', confidentiality: 'internal', dueDate: '2026-12-01', initiator: { department: '客户服务部', person: '张经理' }, tracker: null },
    recipients: [],
    tasks: [{ task: '测试排期', department: '研发部', person: '李工', deliverable: '排期表', deadline: '2026-12-01', status: 'pending' }],
    feedback: [{ at: '2026-12-03T16:34:52.746Z', author: '李工', text: '已开始' }],
  };
  const after = { ...base, stage: 'executing', meta: { ...base.meta, urgency: 'urgent' }, tasks: [{ ...base.tasks[0], status: 'in_progress' }] };
  const text = (locale: 'zh-CN' | 'en') =>
    compareSheets(base, after, locale)
      .flatMap((s) => s.parts.map((p) => `${p.op}:${p.text}`))
      .join('|');
  const zh = text('zh-CN');
  expect(zh).toContain('delete:发起协调');
  expect(zh).toContain('insert:执行跟踪');
  expect(zh).toContain('紧急程度：');
  expect(zh).toContain('insert:紧急');
  expect(zh).toContain('insert:进行中');
  expect(zh).toContain('2026年12月1日');
  expect(zh).not.toMatch(/initiated|executing|pending|in_progress|urgency|normal|2026-12-0[13]/);
  expect(sectionText(base, 'feedback', 'zh-CN')).toMatch(/^2026年12月4日 00:34 \| 李工 \| 已开始$/);
  expect(text('en')).toContain('insert:Executing');
  expect(text('en')).toContain('Urgency: |delete:Normal|insert:Urgent');
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
