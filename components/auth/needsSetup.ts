import { concord } from '@/server/context';

/** True while Concord has no account at all: the first visitor is asked to create the administrator (server only). */
export async function needsSetup(): Promise<boolean> {
  return (await concord().store.people.countUsers()) === 0;
}
