/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type */
import * as Y from 'yjs';
import type { Section } from '../../lib/sheet/layout';
import { isRichTextSection, isSection } from '../../lib/sheet/layout';
import type { RichPiece } from '../../lib/sheet/richtext';

/** Where a struct lives: its parent type and the section (root type) above it. */
interface Placement {
  /** `root:<name>` for a top-level type, `item:<client>:<clock>` for a nested type's item. */
  parent: string;
  section: Section;
  /** The map key the struct is written under (Yjs' parentSub, derived from a neighbour when not sent). */
  sub: string | null;
  /** The item of the nested type the struct is in; null at the top level. */
  parentItem: Y.ID | null;
  /** Inside a row of a list section: the id of the row's item, and the row field it is under. */
  row?: { item: Y.ID; field: string | null };
  /** What the parent type is, as rich text names it (`RichPiece.container`). */
  container: string;
  /** Nested types between the section and the struct: 0 for the section's own children. */
  depth: number;
}

/**
 * One change an update makes. In `tasks` the guard looks one level deeper, because locks apply
 * per row and a task's status stays writable by its responsible person in a locked table:
 * `row` names the row (its item id) and the field changed; a change to the list of rows itself
 * (adding, removing or moving a row) has no field and, when a row is removed, names it.
 */
export interface Touch {
  section: Section;
  row?: { item: Y.ID; field: string | null };
  /** In `comments`: the nested types above the change, outermost first, each one's item and the key it sits under. */
  chain: readonly Link[];
  /** The key the change is written under in its parent map, if any. */
  sub: string | null;
  /** For a deletion: the item deleted. */
  deleted?: Y.ID;
  /** For an insertion: the item inserted. */
  item?: Y.ID;
}

/** One nested type on the way from a section down to a change. */
export interface Link {
  item: Y.ID;
  sub: string | null;
}
/** A struct that Yjs would integrate as garbage: it changes no content. */
const INERT = 'inert' as const;
type Place = Placement | typeof INERT;

/** What an update would change in a document, found without applying it. */
/** A value written under a key of a top-level map (`meta`) or of a row (`tasks`, `recipients`, `feedback`). */
export interface MapEntry {
  section: Section;
  key: string;
  /** The JSON value written, or `type` when the value is a nested shared type. */
  value: unknown;
  type: boolean;
  /** For a row field: the id of the row's item. */
  row?: Y.ID;
  /** The nested types above the entry, outermost first. */
  chain: readonly Link[];
}

/** A row added to a list section; rows must be maps. */
export interface RowInsert {
  section: Section;
  item: Y.ID;
  isMap: boolean;
}

/** Sections that are lists of rows (Y.Array of Y.Map); the guard looks into their rows. */
const ROW_ROOTS = new Set(['root:tasks', 'root:recipients', 'root:feedback']);

/** Content inserted into a rich-text section, for the schema (V6, V7). */
export interface RichInsert extends RichPiece {
  section: Section;
}

export type Inspection =
  | { ok: true; sections: ReadonlySet<Section>; touches: readonly Touch[]; entries: readonly MapEntry[]; rows: readonly RowInsert[]; rich: readonly RichInsert[] }
  | { ok: false; problem: string };

class Malformed extends Error {}

/**
 * Finds every section an incoming update would change in `doc`: inserted content (new roots,
 * nested types, map entries), deletions of live content, and the effective part of a whole-state
 * update (content the server already has is ignored, as Yjs ignores it). An update that refers
 * to content the server does not have, or that Yjs would keep pending to apply later, is
 * reported as a problem: accepting it would let a change land later without being inspected.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Inspection {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, problem: 'not a Yjs update' };
  }
  try {
    const inspector = new Inspector(doc, decoded);
    const sections = inspector.sections();
    return { ok: true, sections, touches: inspector.touches, entries: inspector.entries, rows: inspector.rows, rich: inspector.rich };
  } catch (err) {
    if (err instanceof Malformed) return { ok: false, problem: err.message };
    return { ok: false, problem: 'not a valid Yjs update' };
  }
}

class Inspector {
  private readonly store: Y.Doc['store'];
  /** The update's structs per client, in clock order. */
  private readonly incoming = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
  private readonly placed = new Map<Y.Item | Y.GC | Y.Skip, Place>();
  private readonly placing = new Set<Y.Item>();
  private readonly touched = new Set<Section>();
  /** Every change found, with the task row it is in where there is one. */
  readonly touches: Touch[] = [];
  /** Values written under the keys of top-level maps and of rows. */
  readonly entries: MapEntry[] = [];
  /** Rows added to list sections. */
  readonly rows: RowInsert[] = [];
  /** Content inserted into rich-text sections. */
  readonly rich: RichInsert[] = [];

  constructor(
    doc: Y.Doc,
    private readonly update: ReturnType<typeof Y.decodeUpdate>,
  ) {
    this.store = doc.store;
    for (const struct of update.structs) {
      const list = this.incoming.get(struct.id.client);
      if (list) list.push(struct);
      else this.incoming.set(struct.id.client, [struct]);
    }
  }

  sections(): ReadonlySet<Section> {
    for (const [client, structs] of this.incoming) {
      const known = Y.getState(this.store, client);
      let expected = structs[0].id.clock;
      if (expected > known) throw new Malformed('update depends on content the server does not have');
      for (const struct of structs) {
        if (struct.id.clock !== expected) throw new Malformed('update has gaps');
        expected += struct.length;
        if (struct.id.clock + struct.length <= known) {
          // Content the server has changes nothing, but Yjs still resolves its references first
          // and keeps the rest of the update pending if one is missing.
          this.requireReferences(struct);
          continue;
        }
        if (struct instanceof Y.Skip) throw new Malformed('update depends on content the server does not have');
        const place = struct.id.clock < known ? this.continuationOf(struct, known) : this.placeOf(struct);
        if (place === INERT) continue;
        this.touch(place, undefined, struct.id);
        if (struct instanceof Y.Item) this.collectValues(struct, place);
      }
    }
    for (const [client, ranges] of this.update.ds.clients) {
      for (const { clock, len } of ranges) this.inspectDeletion(client, clock, len);
    }
    return this.touched;
  }

  /** Notes the values the guard checks: map entries of top-level maps and of rows, new rows, and rich text. */
  private collectValues(item: Y.Item, place: Placement): void {
    if (isRichTextSection(place.section)) {
      const content = richContentOf(item.content);
      if (content) this.rich.push({ section: place.section, container: place.container, depth: place.depth, key: place.sub, content });
      return;
    }
    const isType = item.content instanceof Y.ContentType;
    const value = isType ? undefined : item.content.getContent()[0];
    const directRowField = place.row && place.parent === `item:${place.row.item.client}:${place.row.item.clock}`;
    if (place.sub !== null && (place.parent.startsWith('root:') || directRowField)) {
      this.entries.push({ section: place.section, key: place.sub, value, type: isType, chain: this.chainOf(place), ...(directRowField ? { row: place.row!.item } : {}) });
    } else if (place.sub !== null && place.section === 'comments') {
      this.entries.push({ section: place.section, key: place.sub, value, type: isType, chain: this.chainOf(place) });
    }
    if (ROW_ROOTS.has(place.parent) && place.sub === null) {
      this.rows.push({ section: place.section, item: item.id, isMap: isType && (item.content as Y.ContentType).type instanceof Y.Map });
    }
  }

  /** Records a change; deleting a row of a list section names that row. */
  private touch(place: Placement, deleted?: Y.Item, inserted?: Y.ID): void {
    this.touched.add(place.section);
    const removedRow = deleted && ROW_ROOTS.has(place.parent) ? { item: deleted.id, field: null } : undefined;
    // The chain is only read for comments: rich text, the hot path, does without the walk.
    const chain = place.section === 'comments' ? this.chainOf(place) : [];
    this.touches.push({ section: place.section, row: removedRow ?? place.row, chain, sub: place.sub, ...(deleted ? { deleted: deleted.id } : {}), ...(inserted ? { item: inserted } : {}) });
  }

  /** The nested types above a placement, outermost first, in the server's document or the update. */
  private chainOf(place: Placement): Link[] {
    const chain: Link[] = [];
    for (let p: Placement = place; p.parentItem; ) {
      const owner = this.placeOfId(p.parentItem);
      if (owner === INERT) break;
      chain.unshift({ item: p.parentItem, sub: owner.sub });
      p = owner;
    }
    return chain;
  }

  private requireReferences(struct: Y.Item | Y.GC | Y.Skip): void {
    if (!(struct instanceof Y.Item)) return;
    for (const id of referencesOf(struct)) {
      requireEarlier(struct, id);
      if (id.clock < Y.getState(this.store, id.client)) continue;
      const referenced = this.incomingAt(id);
      if (!referenced || referenced instanceof Y.Skip) throw new Malformed('update depends on content the server does not have');
    }
  }

  /**
   * Yjs integrates only the part of a struct the server lacks, right after the stored item at
   * `known - 1`: that neighbour decides where the content lands, whatever the struct claims.
   * Honest clients claim the same place; a struct that claims another is refused.
   */
  private continuationOf(struct: Y.Item | Y.GC, known: number): Place {
    const claimed = this.placeOf(struct);
    if (claimed === INERT) return INERT;
    const left = Y.getItem(this.store, Y.createID(struct.id.client, known - 1));
    if (!(left instanceof Y.Item)) throw new Malformed('update continues content the server has collected');
    const actual = this.placeOfStored(left);
    if (actual.parent !== claimed.parent) throw new Malformed('update continues content of another parent');
    return actual;
  }

  private inspectDeletion(client: number, clock: number, len: number): void {
    const known = Y.getState(this.store, client);
    const end = clock + len;
    if (clock < known) {
      const structs = this.store.clients.get(client)!;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < Math.min(end, known); i++) {
        const struct = structs[i];
        if (struct instanceof Y.Item && !struct.deleted) this.touch(this.placeOfStored(struct), struct);
      }
    }
    if (end > known) {
      // Only the update's own new content may be deleted beyond what the server has.
      const own = this.incoming.get(client);
      const last = own?.[own.length - 1];
      if (!last || last.id.clock + last.length < end) throw new Malformed('update deletes content the server does not have');
    }
  }

  /** Placement of the struct that contains `id`, in the server's document or in the update. */
  private placeOfId(id: Y.ID): Place {
    if (id.clock < Y.getState(this.store, id.client)) {
      const struct = Y.getItem(this.store, id) as Y.Item | Y.GC;
      return struct instanceof Y.Item ? this.placeOfStored(struct) : INERT;
    }
    const struct = this.incomingAt(id);
    if (!struct || struct instanceof Y.Skip) throw new Malformed('update refers to content the server does not have');
    return this.placeOf(struct);
  }

  /** The struct of the update that contains `id`, if any. */
  private incomingAt(id: Y.ID): Y.Item | Y.GC | Y.Skip | undefined {
    return this.incoming.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length);
  }

  /** Placement of an item already integrated in the server's document. */
  private placeOfStored(item: Y.Item): Placement {
    const parent = item.parent as Y.AbstractType<any>;
    const section = sectionOf(parent);
    const key = parentKeyOf(parent);
    const inRows = ROW_ROOTS.has(`root:${section}`);
    let depth = 0;
    for (let type = parent; type._item; type = type._item.parent as Y.AbstractType<any>) depth++;
    return { parent: key, section, sub: item.parentSub, parentItem: parent._item?.id ?? null, container: containerOf(parent), depth, ...(inRows ? { row: rowOf(item) } : {}) };
  }

  /** Placement of a struct of the update, following Yjs' own rules for deriving a parent. */
  private placeOf(struct: Y.Item | Y.GC | Y.Skip): Place {
    const cached = this.placed.get(struct);
    if (cached) return cached;
    if (!(struct instanceof Y.Item)) return INERT;
    if (struct.content instanceof Y.ContentDoc) throw new Malformed('subdocuments are not part of a sheet');
    // Yjs would keep a cycle of references pending: refuse it rather than loop.
    if (this.placing.has(struct)) throw new Malformed('update refers to itself in a cycle');
    this.placing.add(struct);
    for (const id of referencesOf(struct)) requireEarlier(struct, id);
    const place = this.derivePlace(struct);
    this.placing.delete(struct);
    this.placed.set(struct, place);
    return place;
  }

  private derivePlace(item: Y.Item): Place {
    if (item.origin || item.rightOrigin) {
      const left = item.origin ? this.placeOfId(item.origin) : null;
      const right = item.rightOrigin ? this.placeOfId(item.rightOrigin) : null;
      if (left === INERT || right === INERT) return INERT;
      if (left && right && left.parent !== right.parent) throw new Malformed('neighbours of an insertion belong to different parents');
      // Yjs takes parent and key from the left neighbour, else the right one.
      return (left ?? right)!;
    }
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      if (!isSection(parent)) throw new Malformed(`unknown section ${JSON.stringify(parent.slice(0, 40))}`);
      return { parent: `root:${parent}`, section: parent, sub: item.parentSub, parentItem: null, container: 'doc', depth: 0 };
    }
    if (parent instanceof Y.ID) {
      const owner = this.placeOfId(parent);
      const type = owner === INERT ? 'gone' : this.typeAt(parent);
      // A type deleted and collected meanwhile (a row someone removed): Yjs discards what goes into it.
      if (owner === INERT || type === 'gone') return INERT;
      if (type === 'other') throw new Malformed('parent is not a shared type');
      // Directly under a row of `tasks`: this item is that row's field; deeper, it inherits the row's.
      const row = ROW_ROOTS.has(owner.parent) ? { item: parent, field: item.parentSub } : owner.row;
      const at = { container: containerOf(type), depth: owner.depth + 1 };
      return { parent: `item:${parent.client}:${parent.clock}`, section: owner.section, sub: item.parentSub, parentItem: parent, ...at, ...(row ? { row } : {}) };
    }
    throw new Malformed('item without a parent');
  }

  /** What a parent id names: a shared type, a collected one (content gone), or something that is no type. */
  private typeAt(id: Y.ID): Y.AbstractType<any> | 'gone' | 'other' {
    const struct = id.clock < Y.getState(this.store, id.client) ? Y.getItem(this.store, id) : this.incomingAt(id);
    if (!(struct instanceof Y.Item) || struct.id.clock !== id.clock) return 'other';
    if (struct.content instanceof Y.ContentType) return struct.content.type;
    return struct.deleted && struct.content instanceof Y.ContentDeleted ? 'gone' : 'other';
  }
}

/** A parent type as rich text names it: `doc` for a section, an element's node name, `#text` for a text. */
function containerOf(type: Y.AbstractType<any>): string {
  if (type instanceof Y.XmlText) return '#text';
  if (type instanceof Y.XmlElement) return type.nodeName;
  return type._item ? '#other' : 'doc';
}

/** What an item of a rich-text section holds, for the schema; null for content already deleted. */
function richContentOf(content: Y.Item['content']): RichPiece['content'] | null {
  if (content instanceof Y.ContentDeleted) return null;
  if (content instanceof Y.ContentString) return { kind: 'characters' };
  if (content instanceof Y.ContentFormat) return { kind: 'format', key: content.key, value: content.value };
  if (content instanceof Y.ContentAny) return content.arr.length === 1 ? { kind: 'value', value: content.arr[0] } : { kind: 'other', what: 'a list of values' };
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlText) return { kind: 'text' };
    if (type instanceof Y.XmlElement) return { kind: 'element', name: type.nodeName };
    return { kind: 'other', what: 'a shared type that is no rich text' };
  }
  return { kind: 'other', what: content instanceof Y.ContentEmbed ? 'an embed' : 'binary or JSON content' };
}

/** The ids an item refers to: its neighbours at insertion and its parent type's item. */
function referencesOf(item: Y.Item): Y.ID[] {
  return [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null].filter((id): id is Y.ID => id !== null);
}

/**
 * Yjs looks up a reference to the struct's own client without waiting for it, so it must be
 * content that client wrote before; anything else makes Yjs throw halfway through an update.
 */
function requireEarlier(item: Y.Item, id: Y.ID): void {
  if (id.client === item.id.client && id.clock >= item.id.clock) throw new Malformed('update refers to content written after it');
}

/** The row of `tasks` a stored item is in, and the row field above it; none for the rows themselves. */
function rowOf(item: Y.Item): Placement['row'] {
  let child = item;
  let type = item.parent as Y.AbstractType<any>;
  while (type._item) {
    const owner = type._item;
    if (!(owner.parent as Y.AbstractType<any>)._item) return { item: owner.id, field: child.parentSub };
    child = owner;
    type = owner.parent as Y.AbstractType<any>;
  }
  return undefined;
}

function parentKeyOf(type: Y.AbstractType<any>): string {
  const item = type._item;
  return item ? `item:${item.id.client}:${item.id.clock}` : `root:${Y.findRootTypeKey(type)}`;
}

/** The section (root type) a shared type belongs to. */
export function sectionOf(type: Y.AbstractType<any>): Section {
  let root = type;
  while (root._item) root = root._item.parent as Y.AbstractType<any>;
  const key = Y.findRootTypeKey(root);
  if (!isSection(key)) throw new Malformed(`content outside the sheet's sections (${key})`);
  return key;
}
