import { z } from 'zod';
import { LIMITS } from '../../lib/limits';
import { isSection } from '../../lib/sheet/layout';

/** Thrown when a connection's own presence state breaks P2–P4: the connection is closed with `invalidPresence`. */
export class PresenceRefused extends Error {}

const yId = z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }).strict();
/** A Yjs relative position as JSON: what the editor's carets (y-prosemirror) put in `cursor`. */
const relativePosition = z
  .object({ type: yId.nullable().optional(), tname: z.string().max(64).nullable().optional(), item: yId.nullable().optional(), assoc: z.number().int().optional() })
  .strict();

/**
 * P3, P4: the fields an honest client's presence holds (`components/sheet/live/LiveSheet.tsx`
 * and the editor's carets), each of its kind. `user` is overwritten by the server (G6).
 */
const presenceState = z
  .object({
    user: z.unknown().optional(),
    cursor: z.object({ anchor: relativePosition, head: relativePosition }).strict().nullable().optional(),
    section: z.string().refine(isSection, 'not a section of the sheet').nullable().optional(),
    typing: z.boolean().optional(),
  })
  .strict();

/**
 * Checks one presence state a connection sends for its own client id, as JSON: at most
 * `LIMITS.awarenessStateBytes` of UTF-8 (P2), only known fields of their kind (P3), a known
 * section (P4). Returns the state (null: gone); throws `PresenceRefused`, or on JSON that does
 * not parse a `SyntaxError` (refused as `malformed`).
 */
export function checkPresence(json: string): Record<string, unknown> | null {
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > LIMITS.awarenessStateBytes) throw new PresenceRefused(`a presence state of ${bytes} bytes (at most ${LIMITS.awarenessStateBytes})`);
  const state: unknown = JSON.parse(json);
  if (state === null) return null;
  const parsed = presenceState.safeParse(state);
  if (!parsed.success) throw new PresenceRefused(`presence: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'state'}: ${i.message}`).join('; ')}`);
  return state as Record<string, unknown>;
}
