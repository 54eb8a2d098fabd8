import { openPostgresStore } from '../../server/store/postgres';
import { createDatabase } from '../support/pg-cluster';
import { describeWithPostgres } from '../support/postgres';
import { storeContract } from './contract';

describeWithPostgres('PostgreSQL store', (adminUrl) => {
  storeContract('PostgreSQL', async () => openPostgresStore(await createDatabase(adminUrl)));
});
