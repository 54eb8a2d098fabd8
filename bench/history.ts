/**
 * Realistic edit histories for the open-sheet scenarios: a header (meta, recipients, tasks)
 * written once, then several people typing in paragraphs of their own in the record, one
 * keystroke per update (as Tiptap sends them), one in ten a backspace. Everything an editor may
 * write (no `control`), so the same updates pass the guard. Generated, so any size is cheap.
 */
import * as Y from 'yjs';

const CHARS = '会议确认测试资源协调上线时间由工程部负责安排人员并在周五前反馈进度风险与依赖'.split('');

/** `count` updates, in the order a server would receive them, from `people` typists. */
export function typingHistory(count: number, people = 10): Uint8Array[] {
  const out: Uint8Array[] = [];
  const base = new Y.Doc();
  base.on('update', (u: Uint8Array) => out.push(u));
  base.transact(() => {
    const meta = base.getMap('meta');
    meta.set('title', '产品上线前测试资源协调');
    meta.set('urgency', 'urgent');
    meta.set('dueDate', '2026-12-01');
    meta.set('initiator', { department: '工程部', person: '张三' });
    meta.set('tracker', { department: '质量部', person: '李四' });
    const recipients = base.getArray<Y.Map<unknown>>('recipients');
    for (const d of ['质量部', '运维部', '市场部', '客服部']) recipients.push([new Y.Map<unknown>(Object.entries({ id: `r-${d}`, department: d, contact: '王五' }))]);
    const tasks = base.getArray<Y.Map<unknown>>('tasks');
    for (let i = 0; i < 8; i++) {
      tasks.push([new Y.Map<unknown>(Object.entries({ id: `t${i}`, task: `完成第 ${i} 项测试准备`, department: '工程部', person: '赵六', deliverable: '测试报告', deadline: '2026-11-30', status: 'pending' }))]);
    }
    const record = base.getXmlFragment('record');
    for (let i = 0; i < people; i++) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText()]);
      record.insert(record.length, [paragraph]);
    }
  });
  const typists = Array.from({ length: people }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = 10_000 + i;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    doc.on('update', (u: Uint8Array) => out.push(u));
    return ((doc.getXmlFragment('record').get(i) as Y.XmlElement).get(0) as Y.XmlText);
  });
  for (let i = 0; out.length < count; i++) {
    const text = typists[i % people];
    if (i % 10 === 9 && text.length > 0) text.delete(text.length - 1, 1);
    else text.insert(text.length, CHARS[i % CHARS.length]);
  }
  return out.slice(0, count);
}

/** The document the updates make, encoded: its size is what a newcomer downloads. */
export function stateOf(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return Y.encodeStateAsUpdate(doc);
}
