import { formatDate, t, type Locale, type MessageKey } from '../i18n';
import { STAGES, type Stage } from '../sheet/fields';
import { ROLES } from '../policies/roles';
import type { NotificationKind } from './kinds';

/** What the words of a notification are made of: the stored notification, as the API returns it. */
export interface NotificationFacts {
  kind: NotificationKind;
  sheetId: string | null;
  actorName: string | null;
  payload: Record<string, unknown>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Where in the sheet a notification points: a task row (`tasks/<rowId>`), a section, or nowhere in particular. */
export function notificationTarget(n: NotificationFacts): string | null {
  const rowId = text(n.payload.rowId);
  if (rowId) return `tasks/${rowId}`;
  const section = text(n.payload.section);
  return section || null;
}

/** The page a notification leads to: its sheet, at the section or task row when known. */
export function notificationPath(n: NotificationFacts): string {
  if (!n.sheetId) return '/sheets';
  const target = notificationTarget(n);
  return `/sheets/${encodeURIComponent(n.sheetId)}${target ? `#${target}` : ''}`;
}

function sectionWords(locale: Locale, target: string, task: string): string {
  const [section, rowId] = target.split('/');
  if (rowId !== undefined) return task ? t(locale, 'notify.taskRow', { task }) : t(locale, 'section.tasks');
  const key = (section === 'meta' ? 'section.basics' : `section.${section}`) as MessageKey;
  return t(locale, key) ?? section;
}

/** A notification in one sentence, in the template's words (the bell, an email's subject and body). */
export function notificationText(locale: Locale, n: NotificationFacts): string {
  const p = n.payload;
  const vars = {
    actor: n.actorName || t(locale, 'notify.someone'),
    title: text(p.title),
    task: text(p.task),
    deadline: text(p.deadline) ? formatDate(locale, text(p.deadline)) : t(locale, 'notify.noDeadline'),
    excerpt: text(p.excerpt),
    message: text(p.message),
    reason: text(p.reason),
    department: text(p.department),
  };
  switch (n.kind) {
    case 'added':
      return t(locale, 'notify.text.added', { ...vars, role: (ROLES as readonly string[]).includes(text(p.role)) ? t(locale, `role.${text(p.role)}` as MessageKey) : text(p.role) });
    case 'stage': {
      const stage = (STAGES as readonly string[]).includes(text(p.to)) ? t(locale, `stage.${text(p.to) as Stage}`) : text(p.to);
      const changes = Number(p.changes) || 1;
      if (changes > 1) return t(locale, vars.reason ? 'notify.text.stagesPlanChange' : 'notify.text.stages', { ...vars, stage, n: changes });
      return t(locale, vars.reason ? 'notify.text.planChange' : 'notify.text.stage', { ...vars, stage });
    }
    case 'lock':
      return t(locale, 'notify.text.lock', { ...vars, section: sectionWords(locale, text(p.section), vars.task) });
    case 'mention':
      return t(locale, vars.department ? 'notify.text.mentionDepartment' : 'notify.text.mention', vars);
    case 'assigned':
    case 'deadlineSoon':
    case 'deadlineMissed':
      return t(locale, `notify.text.${n.kind}`, vars);
    case 'nudge':
      return t(locale, vars.message ? 'notify.text.nudgeMessage' : 'notify.text.nudge', vars);
  }
}
