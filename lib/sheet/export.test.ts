import { expect, test } from 'vitest';
import { exportHeading, toMarkdown, type ExportableSheet } from './export';

const sheet: ExportableSheet = {
  stage: 'archived',
  meta: { title: '测试资源协调', urgency: 'urgent', confidentiality: 'internal', dueDate: '2026-12-01', initiator: { department: '客户服务部', person: '张经理' }, tracker: null },
  recipients: [{ department: '研发部', contact: '李工' }],
  tasks: [{ task: '测试排期', department: '研发部', person: '李工', deliverable: '排期|表', deadline: '2026-12-01', status: 'done' }],
  feedback: [],
  result: { text: '研发部提供两名测试' },
};

test('an archived sheet’s exports say it is the archived record, in both languages', () => {
  expect(exportHeading(sheet, 'zh-CN', '2026-12-02T08:00:00Z')).toContain('归档 · 已归档');
  expect(exportHeading(sheet, 'en', '2026-12-02T08:00:00Z')).toContain('archived record');
});

test('Markdown follows the template: every row, tasks as a table with escaped cells', () => {
  const md = toMarkdown(sheet, 'zh-CN', '2026-12-02T08:00:00Z');
  expect(md.startsWith('# 测试资源协调')).toBe(true);
  expect(md).toContain('## 协商结果\n\n研发部提供两名测试');
  expect(md).toContain('| 测试排期 | 研发部 | 李工 | 排期\\|表 | 2026年12月1日 | 已完成 |');
  expect(md).toContain('## 发起部门/人\n\n客户服务部 · 张经理');
});

test('Markdown keeps each line of a section a paragraph of its own, as the sheet shows it', () => {
  const md = toMarkdown({ ...sheet, recipients: [...sheet.recipients, { department: '市场部', contact: '王芳' }], record: { text: '客服部：需要两周\n\n研发部：一周可以' } }, 'zh-CN', '2026-12-02T08:00:00Z');
  expect(md).toContain('## 沟通记录\n\n客服部：需要两周\n\n研发部：一周可以\n\n##');
  expect(md).toContain('研发部 · 李工\n\n市场部 · 王芳');
});

test('Markdown shows what people wrote literally: raw HTML and Markdown of their own are escaped, in titles, text and cells', () => {
  const hostile: ExportableSheet = {
    ...sheet,
    meta: { ...sheet.meta, title: '<script>alert(1)</script> **上线**\n# 假标题' },
    recipients: [{ department: '[研发部](javascript:alert(2))', contact: '<img src=x onerror=alert(3)>' }],
    tasks: [{ ...sheet.tasks[0], task: '<b>排期</b> `code` ~~删~~' }],
    result: { text: '# 不是标题\n- 不是列表\n1. 不是编号\n> 不是引用\n&lt;实体&gt; ![图](x.png) <https://evil.example>' },
  };
  const md = toMarkdown(hostile, 'zh-CN', '2026-12-02T08:00:00Z');
  expect(md.split('\n')[0]).toBe('# &lt;script&gt;alert(1)&lt;/script&gt; \\*\\*上线\\*\\* # 假标题');
  expect(md).not.toMatch(/<(script|img|b|https)/);
  expect(md).toContain('\\[研发部\\](javascript:alert(2)) · &lt;img src=x onerror=alert(3)&gt;');
  expect(md).toContain('| &lt;b&gt;排期&lt;/b&gt; \\`code\\` \\~\\~删\\~\\~ |');
  expect(md).toContain('## 协商结果\n\n\\# 不是标题\n\n\\- 不是列表\n\n1\\. 不是编号\n\n&gt; 不是引用\n\n&amp;lt;实体&amp;gt; !\\[图\\](x.png) &lt;https://evil.example&gt;');
  // The labels and the heading line are Concord's own, not escaped.
  expect(md).toContain('\n## 发起部门/人\n');
});

test('exports carry the disputed points with each side’s position, the solutions and the outcome; private threads stay out', () => {
  const dispute = (id: string, fields: Record<string, unknown>) => ({ id, kind: 'dispute', section: 'record', quote: '排期', status: 'open', private: false, positions: [], solutions: [], ...fields });
  const withDisputes: ExportableSheet = {
    ...sheet,
    comments: {
      b: dispute('b', {
        createdAt: '2026-12-01T09:00:00Z',
        question: '测试窗口几周？',
        status: 'agreed',
        positions: [
          { department: '客户服务部', text: '需要两周' },
          { department: '研发部', text: '一周足够' },
        ],
        solutions: [{ text: '折中为十天' }],
      }),
      a: dispute('a', { createdAt: '2026-12-01T08:00:00Z', question: '谁出测试人员？' }),
      p: dispute('p', { createdAt: '2026-12-01T10:00:00Z', question: '内部预算', private: true }),
      c: { id: 'c', kind: 'comment', section: 'record', quote: '一般评论', status: 'open' },
    },
  };
  const md = toMarkdown(withDisputes, 'zh-CN', '2026-12-02T08:00:00Z');
  expect(md).toContain(
    '## 争议点及结果\n\n1\\. 谁出测试人员？（仍未解决）\n\n2\\. 测试窗口几周？（已达成一致）\n\n各方诉求 · 客户服务部：需要两周\n\n各方诉求 · 研发部：一周足够\n\n解决方案：折中为十天\n\n##',
  );
  expect(md).not.toContain('内部预算');
  expect(md).not.toContain('一般评论');
  expect(toMarkdown(withDisputes, 'en', '2026-12-02T08:00:00Z')).toContain('2\\. 测试窗口几周？（Agreed）');
  expect(toMarkdown(sheet, 'zh-CN', '2026-12-02T08:00:00Z')).toContain('## 争议点及结果\n\n没有记录争议点。\n');
});
