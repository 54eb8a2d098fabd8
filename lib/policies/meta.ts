import type { Party } from '../sheet/fields';
import type { Role } from './roles';

/** Fields of basic information that decide a sheet's audience and its follow-up. */
const DECISIVE = ['confidentiality', 'initiator', 'tracker'] as const;

/**
 * May this person change this field of basic information (GUARD.md V2, V8)? The confidentiality
 * level decides who may see and share the sheet, the initiator and the tracker who may nudge
 * (催办): the facilitator sets them; the initiating person may also choose the tracker. Other
 * fields are open to whoever may write basic information. The guard and the editor both ask.
 */
export function maySetMetaField(key: string, writer: { userId: string; role: Role }, initiator: Party | null | undefined): boolean {
  if (writer.role === 'facilitator' || !(DECISIVE as readonly string[]).includes(key)) return true;
  return key === 'tracker' && !!initiator?.personId && initiator.personId === writer.userId;
}
