import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../lib/limits';
import { colorOf, stampAwareness, type Identity } from './identity';
import { PresenceRefused } from './presence-rules';

const alice: Identity = { id: 'u-alice', name: 'Alice', department: '工程部', color: colorOf('u-alice') };

function encode(entries: Array<[clientId: number, clock: number, state: string]>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, state);
  }
  return encoding.toUint8Array(e);
}

function decode(update: Uint8Array): Array<[number, number, unknown]> {
  const d = decoding.createDecoder(update);
  return Array.from({ length: decoding.readVarUint(d) }, () => [decoding.readVarUint(d), decoding.readVarUint(d), JSON.parse(decoding.readVarString(d))]);
}

describe('stampAwareness (G6, P1–P4)', () => {
  test('G6 every state names the authenticated person, whatever it claimed', () => {
    const stamped = stampAwareness(encode([[1, 3, JSON.stringify({ user: { id: 'u-bob', name: 'Bob' }, section: 'record' })]]), alice, () => true);
    expect(stamped!.clientIds).toEqual([1]);
    expect(decode(stamped!.update)).toEqual([[1, 3, { user: alice, section: 'record' }]]);
  });

  test('G6 a removal (null state) stays a removal', () => {
    expect(decode(stampAwareness(encode([[1, 4, 'null']]), alice, () => true)!.update)).toEqual([[1, 4, null]]);
  });

  test('G6 client ids the connection may not use are dropped unread; nothing left gives null', () => {
    const update = encode([
      [1, 1, '{"anything": "someone else’s"}'],
      [2, 1, '{}'],
    ]);
    expect(stampAwareness(update, alice, (id) => id === 2)!.clientIds).toEqual([2]);
    expect(stampAwareness(update, alice, () => false)).toBeNull();
  });

  test('P1 one client id per update: the first usable one; every other is dropped unread', () => {
    const update = encode(Array.from({ length: 100 }, (_, i): [number, number, string] => [i + 1, 1, i === 0 ? '{}' : '{"unread": true}']));
    const stamped = stampAwareness(update, alice, () => true)!;
    expect(stamped.clientIds).toEqual([1]);
    expect(decode(stamped.update)).toEqual([[1, 1, { user: alice }]]);
  });

  test('P2 a state over LIMITS.awarenessStateBytes is refused, counted in bytes of UTF-8', () => {
    const ascii = JSON.stringify({ user: { name: 'x'.repeat(LIMITS.awarenessStateBytes - 30) } });
    expect(stampAwareness(encode([[1, 1, ascii]]), alice, () => true)).not.toBeNull();
    // Fewer characters than the limit, but three bytes each.
    const chinese = JSON.stringify({ user: { name: '字'.repeat(LIMITS.awarenessStateBytes / 2) } });
    expect(chinese.length).toBeLessThan(LIMITS.awarenessStateBytes);
    expect(() => stampAwareness(encode([[1, 1, chinese]]), alice, () => true)).toThrow(PresenceRefused);
  });

  test('P3 what the editor sends is kept: carets (relative positions), section, typing', () => {
    const caret = { type: { client: 7, clock: 3 }, tname: null, item: { client: 7, clock: 12 }, assoc: 0 };
    const state = { user: { name: 'Alice', color: '#fff' }, cursor: { anchor: caret, head: caret }, section: 'review.outcome', typing: true };
    expect(decode(stampAwareness(encode([[1, 1, JSON.stringify(state)]]), alice, () => true)!.update)).toEqual([[1, 1, { ...state, user: alice }]]);
    expect(stampAwareness(encode([[1, 2, JSON.stringify({ cursor: null, section: null, typing: false })]]), alice, () => true)).not.toBeNull();
  });

  test('P3 P4 unknown fields, fields of the wrong kind, unknown sections and states that are not objects are refused', () => {
    for (const state of ['{"pad": 1}', '{"__proto__": {"x": 1}}', '{"typing": "yes"}', '{"cursor": 7}', '{"cursor": {"anchor": {"evil": 1}, "head": {}}}', '{"section": "nonsense"}', '{"section": "constructor"}', '[1,2]', '"text"', '7']) {
      expect(() => stampAwareness(encode([[1, 1, state]]), alice, () => true), state).toThrow(PresenceRefused);
    }
  });

  test('invalid JSON throws (the connection refuses the frame as malformed)', () => {
    expect(() => stampAwareness(encode([[1, 1, '{oops']]), alice, () => true)).toThrow(SyntaxError);
  });
});

test('colorOf is stable per person', () => {
  expect(colorOf('u-alice')).toBe(colorOf('u-alice'));
  expect(colorOf('u-alice')).toMatch(/^#[0-9a-f]{6}$/);
});
