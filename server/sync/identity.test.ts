import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../lib/limits';
import { colorOf, stampAwareness, type Identity } from './identity';

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

describe('stampAwareness (G6)', () => {
  test('every state names the authenticated person, whatever it claimed', () => {
    const stamped = stampAwareness(encode([[1, 3, JSON.stringify({ user: { id: 'u-bob', name: 'Bob' }, cursor: 5 })]]), alice, () => true);
    expect(stamped!.clientIds).toEqual([1]);
    expect(decode(stamped!.update)).toEqual([[1, 3, { user: alice, cursor: 5 }]]);
  });

  test('a removal (null state) stays a removal', () => {
    expect(decode(stampAwareness(encode([[1, 4, 'null']]), alice, () => true)!.update)).toEqual([[1, 4, null]]);
  });

  test('client ids the connection may not use are dropped; nothing left gives null', () => {
    const update = encode([
      [1, 1, '{}'],
      [2, 1, '{}'],
    ]);
    expect(stampAwareness(update, alice, (id) => id === 2)!.clientIds).toEqual([2]);
    expect(stampAwareness(update, alice, () => false)).toBeNull();
  });

  test('states that are not objects are dropped', () => {
    expect(stampAwareness(encode([[1, 1, '[1,2]'], [2, 1, '"text"'], [3, 1, '7']]), alice, () => true)).toBeNull();
  });

  test('states over LIMITS.awarenessStateBytes are dropped, counted in bytes of UTF-8', () => {
    const ascii = JSON.stringify({ pad: 'x'.repeat(LIMITS.awarenessStateBytes - 20) });
    expect(stampAwareness(encode([[1, 1, ascii]]), alice, () => true)).not.toBeNull();
    // Fewer characters than the limit, but three bytes each.
    const chinese = JSON.stringify({ pad: '字'.repeat(LIMITS.awarenessStateBytes / 2) });
    expect(chinese.length).toBeLessThan(LIMITS.awarenessStateBytes);
    expect(stampAwareness(encode([[1, 1, chinese]]), alice, () => true)).toBeNull();
  });

  test('invalid JSON throws (the connection refuses the frame as malformed)', () => {
    expect(() => stampAwareness(encode([[1, 1, '{oops']]), alice, () => true)).toThrow();
  });
});

test('colorOf is stable per person', () => {
  expect(colorOf('u-alice')).toBe(colorOf('u-alice'));
  expect(colorOf('u-alice')).toMatch(/^#[0-9a-f]{6}$/);
});
