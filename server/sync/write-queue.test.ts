import { expect, test } from 'vitest';
import { WriteQueue } from './write-queue';

test('D1 tasks run in order, one at a time; a failing task is reported and the chain carries on', async () => {
  const failures: unknown[] = [];
  const queue = new WriteQueue(() => false, (err) => failures.push(err));
  const seen: string[] = [];
  let release = () => {};
  queue.schedule(() => new Promise<void>((resolve) => (release = () => (seen.push('append'), resolve()))));
  queue.schedule(() => {
    throw new Error('boom');
  });
  queue.schedule(() => void seen.push('send'));
  await Promise.resolve();
  expect(seen).toEqual([]);
  release();
  await queue.drained();
  expect(seen).toEqual(['append', 'send']);
  expect(failures).toHaveLength(1);
});

test('D1 a read waits behind queued appends, and behind changes not yet handed to a flush', async () => {
  let unstored = 0;
  const queue = new WriteQueue(() => unstored > 0, () => {});
  const seen: string[] = [];
  queue.afterDurable(() => seen.push('idle read'));
  expect(seen).toEqual(['idle read']);
  unstored = 1;
  queue.schedule(async () => {
    seen.push('flush 1');
  });
  const read = new Promise<void>((resolve) => queue.afterDurable(() => (seen.push('read'), resolve())));
  queue.schedule(async () => {
    seen.push('flush 2');
    unstored = 0;
  });
  await read;
  expect(seen).toEqual(['idle read', 'flush 1', 'flush 2', 'read']);
});
