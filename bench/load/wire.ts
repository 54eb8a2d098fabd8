import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * The few y-websocket frames a simulated editor needs, encoded by hand so that the load generator
 * spends microseconds, not a Y.Doc, per edit. `checkEncoding` proves the bytes equal what Yjs
 * itself would send for the same edit.
 */

/** Message type and sync step bytes of the y-websocket protocol. */
const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
/** Yjs content ref of a ContentString struct. */
const CONTENT_STRING = 4;
/** Info bit: the struct has a left origin. */
const HAS_ORIGIN = 0x80;

/** Sync step 1 with an empty state vector: "send me everything". */
export const EMPTY_STEP1: Uint8Array = syncFrame(STEP1, Uint8Array.of(0));
/** Sync step 2 with an empty update: "I have nothing you lack". */
export const EMPTY_STEP2: Uint8Array = syncFrame(STEP2, Uint8Array.of(0, 0));

/** Reads the message type and sync step of a frame without decoding the rest (both are < 128). */
export function frameKind(frame: Uint8Array): 'step1' | 'step2' | 'update' | 'other' {
  if (frame[0] !== SYNC) return 'other';
  return frame[1] === STEP1 ? 'step1' : frame[1] === STEP2 ? 'step2' : frame[1] === UPDATE ? 'update' : 'other';
}

/** A y-websocket sync frame around `payload`. */
function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, SYNC);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/**
 * One client appending text at the end of one Y.XmlText it alone writes to, as a person typing at
 * the end of their paragraph does. Keeps only its client id and clock.
 */
export class TextAppender {
  private clock = 0;

  constructor(
    readonly clientId: number,
    /** Id of the Y.XmlText's item: the parent of the first insertion. */
    private readonly parent: Y.ID,
  ) {}

  /** The Yjs update (v1) that appends `text` (ASCII, so length = clock units). */
  update(text: string): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1); // one client
    encoding.writeVarUint(e, 1); // one struct
    encoding.writeVarUint(e, this.clientId);
    encoding.writeVarUint(e, this.clock);
    if (this.clock === 0) {
      // No neighbour yet: the parent is named by its item id.
      encoding.writeUint8(e, CONTENT_STRING);
      encoding.writeVarUint(e, 0); // parent is an id, not a root key
      encoding.writeVarUint(e, this.parent.client);
      encoding.writeVarUint(e, this.parent.clock);
    } else {
      // Appending after our own last character; Yjs derives the parent from it.
      encoding.writeUint8(e, CONTENT_STRING | HAS_ORIGIN);
      encoding.writeVarUint(e, this.clientId);
      encoding.writeVarUint(e, this.clock - 1);
    }
    encoding.writeVarString(e, text);
    encoding.writeVarUint(e, 0); // empty delete set
    this.clock += text.length;
    return encoding.toUint8Array(e);
  }

  /** The y-websocket frame carrying `update(text)`. */
  frame(text: string): Uint8Array {
    return syncFrame(UPDATE, this.update(text));
  }
}

/** Builds in `doc` one Tiptap-like paragraph per writer in `record`, returning each one's text. */
export function addParagraphs(doc: Y.Doc, count: number): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  doc.transact(() => {
    const record = doc.getXmlFragment('record');
    for (let i = 0; i < count; i++) {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      record.insert(record.length, [paragraph]);
      texts.push(text);
    }
  });
  return texts;
}

/** Throws unless TextAppender's bytes equal Yjs' own updates for the same two edits. */
export function checkEncoding(): void {
  const base = new Y.Doc();
  const [text] = addParagraphs(base, 1);
  const writer = new Y.Doc();
  writer.clientID = 4242;
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(base));
  const seen: Uint8Array[] = [];
  writer.on('update', (u: Uint8Array) => seen.push(u));
  const target = writer.getXmlFragment('record').get(0) as Y.XmlElement;
  const writerText = target.get(0) as Y.XmlText;
  writerText.insert(writerText.length, '#1.0#');
  writerText.insert(writerText.length, '#1.1#');
  const appender = new TextAppender(4242, text._item!.id);
  const ours = [appender.update('#1.0#'), appender.update('#1.1#')];
  for (let i = 0; i < 2; i++) {
    if (Buffer.compare(Buffer.from(ours[i]), Buffer.from(seen[i])) !== 0) {
      throw new Error(`hand-encoded update ${i} differs from Yjs: ${Buffer.from(ours[i]).toString('hex')} vs ${Buffer.from(seen[i]).toString('hex')}`);
    }
  }
}

/** A sync update frame carrying `update` (what a client sends after a local change). */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  return syncFrame(UPDATE, update);
}
