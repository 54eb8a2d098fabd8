import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createUserBody } from '../lib/api/schemas';
import { isAppError } from '../lib/errors';
import { addUser, createAccessToken } from './commands/people';
import { ConfigError, loadConfig } from './env';
import { openStore } from './store';

const USAGE = `Concord operators' command line

  npm run cli -- user add --email E --name N --password P [--admin] [--department D]
  npm run cli -- token create --email E [--name NAME]

Uses the server's store: DATABASE_URL (PostgreSQL) if set, else DATA_DIR (default ./data).`;

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
