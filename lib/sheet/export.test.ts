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
