import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeNodes, Nodes } from '../support/cluster';
import { get } from './support';

describeNodes('two nodes: readiness', () => {
  let c: Nodes;
  beforeAll(async () => (c = await Nodes.start()));
  afterAll(() => c?.close());

  test('O8 /readyz checks PostgreSQL and Redis on each node, and turns 503 naming Redis when Redis goes away (the node stays alive)', async () => {
    for (const [i, node] of c.nodes.entries()) {
      const ready = await get(`${node.httpBase}/readyz`);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', node: `node${i}`, checks: { store: { status: 'up' }, redis: { status: 'up' } } });
    }
    await c.redis.stop();
    const [a] = c.nodes;
    const down = await get(`${a.httpBase}/readyz`);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('not-ready');
    expect(down.body.checks.store.status).toBe('up');
    expect(down.body.checks.redis.status).toBe('down');
    expect((await get(`${a.httpBase}/healthz`)).status).toBe(200);
  });
});
