import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';

/**
 * A hand-encoded update (Yjs V1) holding one string struct, to build what no Yjs client sends:
 * neighbours in different parents, or a struct that continues another client's content.
 * Without `origin` and `rightOrigin`, the struct names its parent: the root type `parent`.
 */
export function craftString(struct: { client: number; clock: number; text: string; origin?: Y.ID; rightOrigin?: Y.ID; parent?: string }): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients
  encoding.writeVarUint(e, 1); // structs of this client
  encoding.writeVarUint(e, struct.client);
  encoding.writeVarUint(e, struct.clock);
  const CONTENT_STRING = 4;
  encoding.writeUint8(e, CONTENT_STRING | (struct.origin ? 0x80 : 0) | (struct.rightOrigin ? 0x40 : 0));
  for (const id of [struct.origin, struct.rightOrigin]) {
    if (!id) continue;
    encoding.writeVarUint(e, id.client);
    encoding.writeVarUint(e, id.clock);
  }
  if (!struct.origin && !struct.rightOrigin) {
    encoding.writeVarUint(e, 1); // the parent is a root type, by name
    encoding.writeVarString(e, struct.parent ?? 'comments');
  }
  encoding.writeVarString(e, struct.text);
  encoding.writeVarUint(e, 0); // delete set: no clients
  return encoding.toUint8Array(e);
}
