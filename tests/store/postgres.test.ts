import { openPostgresStore } from '../../server/store/postgres';
import { createDatabase, describeWithPostgres } from '../support/postgres';
import { storeContract } from './contract';

describeWithPostgres('PostgreSQL store', (adminUrl) => {
  storeContract('PostgreSQL', async () => openPostgresStore(await createDatabase(adminUrl)));
});
