import type * as Y from 'yjs';
import type { SheetMeta } from '../../lib/sheet/layout';
import { CONFIDENTIALITIES, STAGES, URGENCIES } from '../../lib/sheet/fields';
import type { SheetSummary } from '../store/types';

/** The sheets list's view of a document: title, stage, urgency, deadline, departments involved. */
export function summarize(doc: Y.Doc): SheetSummary {
  const meta = doc.getMap('meta').toJSON() as Partial<Record<keyof SheetMeta, unknown>> & { initiator?: { department?: unknown } | null };
  const recipients = doc.getArray('recipients').toJSON() as Array<{ department?: unknown }>;
  const departments = [meta.initiator?.department, ...recipients.map((r) => r.department)].filter(
    (d): d is string => typeof d === 'string' && d.length > 0,
  );
  return {
    title: typeof meta.title === 'string' ? meta.title : '',
    stage: oneOf(STAGES, doc.getMap('control').get('stage'), 'draft'),
    urgency: oneOf(URGENCIES, meta.urgency, 'normal'),
    confidentiality: oneOf(CONFIDENTIALITIES, meta.confidentiality, 'internal'),
    dueDate: typeof meta.dueDate === 'string' ? meta.dueDate : null,
    departments: Array.from(new Set(departments)),
  };
}

// Editors write `meta` over the socket, so its values are not trusted to be of the right kind.
function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}
