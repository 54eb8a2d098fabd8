import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readSheet } from '../../lib/sheet/doc';
import { ROLES } from '../../lib/policies/roles';
import { barrier, Harness, paragraph, until } from '../support/harness';

let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h.close());

for (const role of ROLES) {
  test(`G8 an honest ${role} (stock y-websocket client) connects, syncs, reconnects and is never refused`, async () => {
    const owner = await h.user();
    const person = await h.user();
    const sheet = await h.sheet(owner, role === 'facilitator' ? [] : [[person, role]]);
    const writer = await h.peer(owner, sheet);
    writer.doc.getXmlFragment('record').insert(0, [paragraph('会议记录')]);
    writer.doc.getXmlFragment('record').delete(0, 1);
    writer.doc.getXmlFragment('record').insert(0, [paragraph('第二版')]);

    const honest = await h.peer(role === 'facilitator' ? owner : person, sheet);
    const closes: unknown[] = [];
    honest.provider.on('connection-close', (event) => closes.push(event?.code));
    const caret = Y.createRelativePositionFromTypeIndex(honest.doc.getXmlFragment('record'), 0);
    honest.provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
    await until(() => readSheet(honest.doc).record.text === '第二版', 5000, 'the honest peer to sync');

    // Reconnecting sends the whole local state as sync step 2: nothing the server lacks.
    honest.provider.disconnect();
    honest.provider.connect();
    await until(() => honest.provider.synced, 5000, 'the reconnect to sync');
    await barrier(writer, honest);
    expect(closes.filter((c) => c !== undefined)).toEqual([]);
    expect(honest.provider.wsconnected).toBe(true);
  });
}
