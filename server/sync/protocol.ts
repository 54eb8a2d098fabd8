import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** y-websocket message types (the first varUint of every frame). */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
/** y-protocols sync message subtypes. */
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const;

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** A frame carrying one Yjs update to a peer. */
export const updateFrame = (update: Uint8Array): Uint8Array => syncFrame(SyncStep.update, update);

/** Sync step 1: the server's state vector, asking the peer for what the server lacks. */
export const step1Frame = (stateVector: Uint8Array): Uint8Array => syncFrame(SyncStep.step1, stateVector);

/** Sync step 2: what the peer lacks. */
export const step2Frame = (update: Uint8Array): Uint8Array => syncFrame(SyncStep.step2, update);

/** A frame carrying an awareness (presence) update. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** One incoming frame, decoded. Throws on frames that are not y-websocket messages. */
export type IncomingMessage =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' }
  | { kind: 'ignored' };

/** Decodes a frame from a peer. */
export function decodeMessage(frame: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SyncStep.step1) return { kind: 'step1', stateVector: payload };
      if (step === SyncStep.step2 || step === SyncStep.update) return { kind: 'update', update: payload };
      throw new Error(`unknown sync step ${step}`);
    }
    case MessageType.awareness:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.queryAwareness:
      return { kind: 'queryAwareness' };
    case MessageType.auth:
      return { kind: 'ignored' };
    default:
      throw new Error(`unknown message type ${type}`);
  }
}
