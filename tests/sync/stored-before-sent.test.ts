import { afterAll, beforeAll, expect, test } from 'vitest';
import { SyncStep } from '../../server/sync/protocol';
import { Harness, paragraph, until } from '../support/harness';

let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h.close());

/** Holds the store's appends until released, one by one, to control when writes become durable. */
function gateAppends(store: Harness['ctx']['store']) {
  const append = store.updates.append.bind(store.updates);
  const waiting: Array<() => void> = [];
  let calls = 0;
  store.updates.append = async (sheetId, updates) => {
    calls++;
    await new Promise<void>((resolve) => waiting.push(resolve));
    return append(sheetId, updates);
  };
  return {
    get calls() {
      return calls;
    },
    /** Lets the oldest held append through. */
    releaseOne: () => waiting.shift()?.(),
    restore: () => {
      store.updates.append = append;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

test('D1 a sync step 2 carries only stored state, even for updates applied while it waited', async () => {
  const owner = await h.user();
  const sheet = await h.sheet(owner);
  const peer = await h.rawPeer(owner, sheet);
  const gate = gateAppends(h.ctx.store);
  try {
    peer.write((doc) => doc.getXmlFragment('record').insert(0, [paragraph('first')]));
    await until(() => gate.calls === 1, 5000, 'the first append');
    // While that append is held: a request for state (it waits for the append), then an update
    // applied meanwhile. One socket, so the server handles them in this order; the presence
    // echoed back last shows it has handled both.
    peer.requestState();
    peer.write((doc) => doc.getXmlFragment('record').insert(0, [paragraph('second')]));
    peer.present({ section: 'goal' });
    await until(() => peer.awareness.getStates().get(peer.doc.clientID)?.section === 'goal', 5000, 'the presence echo');
    const stepsBefore = peer.syncSteps.length;
    gate.releaseOne();

    // The answer must wait for the second update's append too, since it carries that update.
    await until(() => gate.calls === 2 || peer.syncSteps.length > stepsBefore, 5000, 'the second append or the answer');
    expect(peer.syncSteps.slice(stepsBefore)).not.toContain(SyncStep.step2);
    gate.releaseOne();
    await until(() => peer.syncSteps.slice(stepsBefore).includes(SyncStep.step2), 5000, 'the answer');
    expect((await h.stored(sheet)).getXmlFragment('record').toString()).toContain('second');
  } finally {
    gate.restore();
  }
});
