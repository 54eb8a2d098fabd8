import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { z } from 'zod';
import { createUserBody } from '../lib/api/schemas';
import { isAppError } from '../lib/errors';
import { planSheetRepair } from '../lib/sheet/richtext-doc';
import { addUser, createAccessToken } from './commands/people';
import { ConfigError, loadConfig } from './env';
import { openStore } from './store';
import type { Store } from './store/types';

const USAGE = `Concord operators' command line

  npm run cli -- user add --email E --name N --password P [--admin] [--department D]
  npm run cli -- token create --email E [--name NAME]
  npm run cli -- sheet repair --id SHEET_ID

\`sheet repair\` removes from a sheet's rich-text sections what the editor's schema does not accept
(content stored before it was enforced). It writes to the store directly: stop the server first,
or ask a running one (as an administrator): POST /api/v1/sheets/SHEET_ID/repair.

Uses the server's store: DATABASE_URL (PostgreSQL) if set, else DATA_DIR (default ./data).`;

/** Repairs a sheet's rich text in the store (the server stopped): its document loaded, repaired step by step, the steps appended to its log. */
async function repairStored(store: Store, sheetId: string) {
  const stored = await store.updates.load(sheetId);
  const doc = new Y.Doc();
  for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, part);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const plan = planSheetRepair(doc);
  for (const step of plan.steps) doc.transact(step);
  if (updates.length) await store.updates.append(sheetId, updates);
  doc.destroy();
  return plan.removed;
}

/** Runs one operator command against the configured store. */
async function main(argv: string[]): Promise<number> {
  const [noun, verb, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      department: { type: 'string' },
      admin: { type: 'boolean', default: false },
      id: { type: 'string' },
    },
    strict: true,
  });
  const config = loadConfig(process.env);
  const store = await openStore(config);
  try {
    if (noun === 'user' && verb === 'add') {
      const input = createUserBody.parse({
        email: values.email,
        name: values.name,
        password: values.password,
        department: values.department,
        admin: values.admin,
      });
      const user = await addUser(store, input);
      console.log(`added ${user.email} (${user.name})${user.isAdmin ? ' as administrator' : ''}${user.departmentName ? `, ${user.departmentName}` : ''}`);
      console.log(user.id);
      return 0;
    }
    if (noun === 'token' && verb === 'create') {
      const user = values.email ? await store.people.findUserByEmail(values.email.toLowerCase()) : null;
      if (!user) {
        console.error(values.email ? `no account for ${values.email}` : '--email is required');
        return 1;
      }
      const token = await createAccessToken(store, user.id, values.name ?? 'cli');
      console.log(`personal access token for ${user.email} (shown once; use it as Authorization: Bearer <token>):`);
      console.log(token);
      return 0;
    }
    if (noun === 'sheet' && verb === 'repair') {
      if (!values.id || !(await store.sheets.getSheet(values.id))) {
        console.error(values.id ? `no sheet ${values.id}` : '--id is required');
        return 1;
      }
      const removed = await repairStored(store, values.id);
      for (const [section, r] of Object.entries(removed)) console.log(`${section}: removed ${r.nodes} nodes, ${r.attributes} attributes, ${r.marks} marks`);
      console.log(Object.keys(removed).length ? `repaired ${values.id}` : `${values.id} needs no repair`);
      return 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || isAppError(err)) console.error(err.message);
    else if (err instanceof z.ZodError) console.error(`invalid arguments:\n${z.prettifyError(err)}`);
    else if (err instanceof TypeError && 'code' in err) console.error(`${err.message}\n\n${USAGE}`);
    else console.error(err);
    process.exit(1);
  },
);
