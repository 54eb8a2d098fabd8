import { formatDate, t, type Locale, type MessageKey } from '../i18n';
import { partyText, type Party } from './fields';
import { disputesText, publicDisputes } from './disputes';
import { retrospectiveText, type RetrospectiveFacts } from './retrospective';

/** The sheet as the exports read it: what `readSheet` returns (rich text as plain text). */
export interface ExportableSheet {
  stage: string;
  meta: { title: string; urgency: string; confidentiality: string; dueDate: string | null; initiator: Party | null; tracker: Party | null };
  recipients: Array<Record<string, unknown>>;
  tasks: Array<Record<string, unknown>>;
  feedback: Array<Record<string, unknown>>;
  /** The facts kept when the sheet was archived. */
  retrospective?: RetrospectiveFacts | null;
  [richText: string]: unknown;
}

/** One row of the template table: its label and either text or the tasks sub-table. */
export type TemplateRow = { label: string; text: string } | { label: string; tasks: { head: string[]; rows: string[][] } };


/** A rich-text section's plain text, with the reader's note when it left content out (`RichNode.omitted`). */
function richText(sheet: ExportableSheet, section: string, locale: Locale): string {
  const read = sheet[section] as { text?: string; json?: { omitted?: number } } | undefined;
  const text = (read?.text ?? '').trim();
  const omitted = read?.json?.omitted;
  return omitted ? [text, t(locale, 'section.omitted', { count: omitted })].filter(Boolean).join('\n') : text;
}

/**
 * The sheet laid out as the familiar template table (模板表格内容), in the template's order and
 * words: every export (Markdown, Word, print) renders these rows, so they always agree.
 */
export function templateRows(sheet: ExportableSheet, locale: Locale): TemplateRow[] {
  const L = (key: string) => t(locale, key as MessageKey);
  const rich = (s: ExportableSheet, section: string) => richText(s, section, locale);
  const date = (d: unknown) => (typeof d === 'string' && d ? formatDate(locale, d) : '');
  const taskColumns = ['task', 'department', 'person', 'deliverable', 'deadline', 'status'];
  return [
    { label: L('field.title'), text: sheet.meta.title },
    { label: L('field.initiator'), text: partyText(sheet.meta.initiator) },
    { label: L('section.recipients'), text: sheet.recipients.map((r) => [r.department, r.contact].filter(Boolean).join(' · ')).join('\n') },
    { label: L('section.background'), text: rich(sheet, 'background') },
    { label: L('section.goal'), text: rich(sheet, 'goal') },
    { label: L('field.dueDate'), text: date(sheet.meta.dueDate) },
    { label: L('field.urgency'), text: L(`urgency.${sheet.meta.urgency}`) },
    { label: L('section.record'), text: rich(sheet, 'record') },
    { label: L('section.result'), text: rich(sheet, 'result') },
    // The disputed points argued in the meeting and how each ended; private threads stay in Concord.
    { label: L('share.disputes'), text: disputesText(publicDisputes(sheet.comments), locale) || L('share.disputes.none') },
    {
      label: L('section.tasks'),
      tasks: {
        head: taskColumns.map((c) => L(`task.${c}`)),
        rows: sheet.tasks.map((row) =>
          taskColumns.map((c) => (c === 'deadline' ? date(row.deadline) : c === 'status' && row.status ? L(`task.status.${String(row.status)}`) : String(row[c] ?? ''))),
        ),
      },
    },
    {
      label: L('section.feedback'),
      text: sheet.feedback.map((f) => `${date(f.at)} ${String(f.author ?? '')}：${String(f.text ?? '')}`).join('\n'),
    },
    { label: L('section.notes'), text: rich(sheet, 'notes') },
    { label: L('field.confidentiality'), text: L(`confidentiality.${sheet.meta.confidentiality}`) },
    { label: L('editor.tracker'), text: partyText(sheet.meta.tracker) },
    { label: `${L('section.review')} · ${L('section.review.outcome')}`, text: rich(sheet, 'review.outcome') },
    { label: `${L('section.review')} · ${L('section.review.problems')}`, text: rich(sheet, 'review.problems') },
    { label: `${L('section.review')} · ${L('section.review.lessons')}`, text: rich(sheet, 'review.lessons') },
    ...(sheet.retrospective ? [{ label: `${L('section.review')} · ${L('archive.factsKept')}`, text: retrospectiveText(sheet.retrospective, locale) }] : []),
  ];
}

/** The heading line of every export: stage, and for an archived sheet a clear mark that it is the archived record. */
export function exportHeading(sheet: ExportableSheet, locale: Locale, at: string): string {
  const stage = t(locale, `stage.${sheet.stage}` as MessageKey);
  const archived = sheet.stage === 'archived' ? ` · ${t(locale, 'export.archived')}` : '';
  return `${t(locale, 'field.stage')}：${stage}${archived} · ${t(locale, 'export.at', { time: formatDate(locale, at, true) })}`;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text written by people, as Markdown shows it literally: no raw HTML (and no entities), no
 * links, images, emphasis, code or tables of its own, no headings, lists or quotes at a line's start.
 */
function markdownText(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => ENTITIES[c])
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/^([ \t]*)([#+=-])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}

/** Each line its own Markdown paragraph (a single line break would join lines into one). */
const paragraphs = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim())
    .join('\n\n');

const cell = (s: string) => markdownText(s).replace(/\n/g, '<br>');

/** The sheet as Markdown: a heading, then each template row as a section; tasks as a table. */
export function toMarkdown(sheet: ExportableSheet, locale: Locale, at: string): string {
  const out = [`# ${markdownText(sheet.meta.title.replace(/\s+/g, ' '))}`, '', `> ${exportHeading(sheet, locale, at)}`, ''];
  for (const row of templateRows(sheet, locale)) {
    out.push(`## ${row.label}`, '');
    if ('tasks' in row) {
      if (row.tasks.rows.length === 0) out.push(t(locale, 'field.none'), '');
      else out.push(`| ${row.tasks.head.join(' | ')} |`, `| ${row.tasks.head.map(() => '---').join(' | ')} |`, ...row.tasks.rows.map((r) => `| ${r.map(cell).join(' | ')} |`), '');
    } else out.push(row.text ? paragraphs(markdownText(row.text)) : t(locale, 'field.none'), '');
  }
  return out.join('\n');
}
