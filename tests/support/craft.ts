import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';

/**
 * A hand-encoded update (Yjs V1) holding one string struct, to build what no Yjs client sends:
 * neighbours in different parents, or a struct that continues another client's content.
 * Without `origin` and `rightOrigin`, the struct names its parent: a root type by name, or the
 * item of a nested type by id; `parentSub` makes it a map entry.
 */
export function craftString(struct: {
  client: number;
  clock: number;
  text: string;
  origin?: Y.ID;
  rightOrigin?: Y.ID;
  parent?: string | Y.ID;
  parentSub?: string;
  /** Ranges to delete, as a delete set: [client, clock, length]. */
  deletes?: Array<[number, number, number]>;
}): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients
  encoding.writeVarUint(e, 1); // structs of this client
  encoding.writeVarUint(e, struct.client);
  encoding.writeVarUint(e, struct.clock);
  const CONTENT_STRING = 4;
  const named = !struct.origin && !struct.rightOrigin;
  const mapEntry = named && struct.parentSub !== undefined;
  encoding.writeUint8(e, CONTENT_STRING | (struct.origin ? 0x80 : 0) | (struct.rightOrigin ? 0x40 : 0) | (mapEntry ? 0x20 : 0));
  for (const id of [struct.origin, struct.rightOrigin]) {
    if (!id) continue;
    encoding.writeVarUint(e, id.client);
    encoding.writeVarUint(e, id.clock);
  }
  if (named) {
    const parent = struct.parent ?? 'comments';
    encoding.writeVarUint(e, typeof parent === 'string' ? 1 : 0);
    if (typeof parent === 'string') encoding.writeVarString(e, parent);
    else {
      encoding.writeVarUint(e, parent.client);
      encoding.writeVarUint(e, parent.clock);
    }
    if (mapEntry) encoding.writeVarString(e, struct.parentSub!);
  }
  encoding.writeVarString(e, struct.text);
  const deletes = struct.deletes ?? [];
  encoding.writeVarUint(e, deletes.length);
  for (const [client, clock, len] of deletes) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, clock);
    encoding.writeVarUint(e, len);
  }
  return encoding.toUint8Array(e);
}
