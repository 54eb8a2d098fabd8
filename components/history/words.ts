import { formatDate, t, type Locale, type MessageKey } from '@/lib/i18n';
import { ROLES, type Role } from '@/lib/policies';
import { STAGES, type Stage } from '@/lib/sheet/fields';
import type { TaskView } from '../sheet/model';
import { targetLabel } from '../sheet/targets';
import type { ActivityEvent, VersionInfo } from '@/server/store/types';

const META_FIELD: Record<string, MessageKey> = {
  title: 'field.title',
  initiator: 'field.initiator',
  dueDate: 'field.dueDate',
  urgency: 'field.urgency',
  confidentiality: 'field.confidentiality',
  tracker: 'editor.tracker',
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const stageName = (locale: Locale, v: unknown): string => ((STAGES as readonly unknown[]).includes(v) ? t(locale, `stage.${v as Stage}`) : str(v));
const roleName = (locale: Locale, v: unknown): string => ((ROLES as readonly unknown[]).includes(v) ? t(locale, `role.${v as Role}`) : str(v));

/** A version's name in the person's language: the server names automatic versions in code (`lock result`, `draft → initiated`). */
export function versionName(locale: Locale, version: VersionInfo, tasks: TaskView[]): string {
  const [verb, ...rest] = version.name.split(' ');
  if ((version.kind === 'lock' || version.kind === 'unlock') && verb === version.kind && rest.length === 1) {
    return t(locale, `history.versionName.${version.kind}`, { section: targetLabel(locale, rest[0], tasks) });
  }
  if (version.kind === 'warnEdit' && version.name.startsWith('before change ')) {
    return t(locale, 'lock.askVersion', { section: targetLabel(locale, version.name.slice('before change '.length), tasks) });
  }
  const stages = version.name.split(' → ');
  if (version.kind === 'stage' && stages.length === 2) return t(locale, 'history.versionName.stage', { from: stageName(locale, stages[0]), to: stageName(locale, stages[1]) });
  return version.name;
}

/** Why a version was kept, in words. */
export function versionKind(locale: Locale, version: VersionInfo): string {
  return ['manual', 'lock', 'unlock', 'stage', 'warnEdit'].includes(version.kind) ? t(locale, `history.kind.${version.kind as 'manual'}`) : version.kind;
}

/** A moment of the history, to the minute. */
export function when(locale: Locale, at: string): string {
  return formatDate(locale, at, true);
}

/** Who and when, as one line. */
export function whoWhen(locale: Locale, entry: { actorName: string; at: string }): string {
  return t(locale, 'history.by', { who: entry.actorName, at: when(locale, entry.at) });
}

/** One activity event as a sentence (who did what), and its details (reason, released locks) if any. */
export function describeEvent(locale: Locale, event: ActivityEvent, tasks: TaskView[]): { text: string; details: string[] } {
  const d = event.detail;
  const who = event.actorName;
  const section = targetLabel(locale, str(d.section), tasks);
  const details: string[] = [];
  if (str(d.reason)) details.push(t(locale, 'event.reason', { reason: str(d.reason) }));
  const unlocked = Array.isArray(d.unlocked) ? d.unlocked.map((s) => targetLabel(locale, str(s), tasks)) : [];
  if (unlocked.length) details.push(t(locale, 'event.unlocked', { sections: unlocked.join('、') }));
  const text = (() => {
    switch (event.kind) {
      case 'created':
        return t(locale, 'event.created', { who, title: str(d.title) });
      case 'meta': {
        const fields = Array.isArray(d.fields) ? d.fields.map((f) => (META_FIELD[str(f)] ? t(locale, META_FIELD[str(f)]) : str(f))) : [];
        return t(locale, 'event.meta', { who, fields: fields.join('、') });
      }
      case 'section':
        return t(locale, 'event.section', { who, section });
      case 'repair':
        return t(locale, 'event.repair', { who });
      case 'lock':
        return t(locale, d.mode === 'warn' ? 'event.lockWarn' : 'event.lock', { who, section });
      case 'unlock':
        return t(locale, 'event.unlock', { who, section });
      case 'stage':
      case 'planChange':
        return t(locale, `event.${event.kind}`, { who, from: stageName(locale, d.from), to: stageName(locale, d.to) });
      case 'reopen':
        return t(locale, 'event.reopen', { who });
      case 'member.add':
      case 'member.role':
        return t(locale, `event.${event.kind}`, { who, name: str(d.name), role: roleName(locale, d.role) });
      case 'member.remove':
        return t(locale, 'event.member.remove', { who, name: str(d.name) });
      case 'version':
        return t(locale, 'event.version', { who, name: str(d.name) });
      case 'warnEdit':
        return t(locale, 'event.warnEdit', { who, section });
      case 'nudge':
        if (str(d.message)) details.push(t(locale, 'event.message', { message: str(d.message) }));
        return t(locale, 'event.nudge', { who, name: str(d.name), task: targetLabel(locale, `tasks/${str(d.rowId)}`, tasks) });
      case 'share.create':
        if (d.password) details.push(t(locale, 'event.share.password'));
        if (str(d.expiresAt)) details.push(t(locale, 'event.share.expires', { date: formatDate(locale, str(d.expiresAt)) }));
        return t(locale, 'event.share.create', { who });
      case 'share.revoke':
        return t(locale, 'event.share.revoke', { who });
      default:
        return t(locale, 'event.other', { who, kind: event.kind });
    }
  })();
  return { text, details };
}
