import { rmSync } from 'node:fs';

/** Removes the temporary data directory of the server under test. */
export default function teardown(): void {
  const dir = process.env.CONCORD_E2E_DATA_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
