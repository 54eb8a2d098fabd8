import { AppError } from '../../lib/errors';
import type { CreateUserBody, PatchUserBody } from '../../lib/api/schemas';
import { canManagePeople, type Actor } from '../../lib/policies';
import { accountKey, attemptSucceeded, takeAttempt } from '../auth/attempts';
import { hashPassword, verifyPassword } from '../auth/password';
import { newAccessToken } from '../auth/tokens';
import type { Services } from '../services';
import type { Store, User } from '../store/types';

/** The department with this name, created if it does not exist yet. */
async function departmentNamed(store: Store, name: string | undefined): Promise<string | null> {
  if (!name) return null;
  return ((await store.people.findDepartmentByName(name)) ?? (await store.people.createDepartment(name))).id;
}

/** Adds a person (administrators, the CLI, and the first-run setup). */
export async function addUser(store: Store, input: CreateUserBody): Promise<User> {
  if (await store.people.findUserByEmail(input.email)) throw new AppError('conflict', `${input.email} already has an account`);
  return store.people.createUser({
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    isAdmin: input.admin ?? false,
    departmentId: await departmentNamed(store, input.department),
  });
}

/** Creates the first administrator; refused once any account exists, so there is no default password anywhere. */
export async function setupFirstAdmin(store: Store, input: Omit<CreateUserBody, 'admin'>): Promise<User> {
  if ((await store.people.countUsers()) > 0) throw new AppError('conflict', 'Services is already set up; sign in instead');
  return addUser(store, { ...input, admin: true });
}

/** Adds a person on behalf of an administrator. */
export async function addUserAs(store: Store, actor: Actor, input: CreateUserBody): Promise<User> {
  if (!canManagePeople(actor)) throw new AppError('forbidden', 'only administrators add people');
  return addUser(store, input);
}

/** Adds a department on behalf of an administrator. */
export async function addDepartmentAs(store: Store, actor: Actor, name: string) {
  if (!canManagePeople(actor)) throw new AppError('forbidden', 'only administrators add departments');
  if (await store.people.findDepartmentByName(name)) throw new AppError('conflict', `department ${name} exists`);
  return store.people.createDepartment(name);
}

/** Names a department's head (部门负责人), or clears it, on behalf of an administrator; a person heads one department at most. */
export async function setDepartmentHeadAs(store: Store, actor: Actor, departmentId: string, headId: string | null) {
  if (!canManagePeople(actor)) throw new AppError('forbidden', 'only administrators name department heads');
  if (headId && !(await store.people.findUserById(headId))) throw new AppError('not_found', 'no such person');
  const department = await store.people.setDepartmentHead(departmentId, headId);
  if (!department) throw new AppError('not_found', 'no such department');
  return department;
}

/** The person with this email and password, or null. Takes as long for unknown emails as for known ones. */
export async function checkPassword(store: Store, email: string, password: string): Promise<User | null> {
  const user = await store.people.findUserByEmail(email.toLowerCase());
  const hash = user ? await store.people.passwordHashOf(user.id) : null;
  const ok = await verifyPassword(password, hash ?? DUMMY_HASH);
  return user && hash && ok ? user : null;
}
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Ends every session a person holds (W4): each session cookie, wherever it is, stops working at
 * its next request, and their open sheets' sockets close on every node (the page then asks them
 * to sign in again).
 */
export async function endSessions(ctx: Services, userId: string): Promise<void> {
  if ((await ctx.store.people.endSessions(userId)) === null) throw new AppError('not_found', 'no such person');
  await closeSheetsOf(ctx, userId);
}

/** "Sign out everywhere": administrators for anyone, a person for themself. */
export async function endSessionsAs(ctx: Services, actor: Actor, userId: string): Promise<void> {
  if (userId !== actor.id && !canManagePeople(actor)) throw new AppError('forbidden', 'only administrators sign other people out');
  await endSessions(ctx, userId);
}

/**
 * Changes the caller's password, given the current one (guessed no faster than sign-in allows);
 * every session they hold ends, this one included: the page signs in again with the new password.
 */
export async function changePassword(ctx: Services, user: User, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const hash = await ctx.store.people.passwordHashOf(user.id);
  if (!hash) throw new AppError('conflict', 'this account signs in through single sign-on and has no password here');
  const keys = [accountKey(user.email)];
  await takeAttempt(ctx.store.attempts, keys);
  if (!(await verifyPassword(input.currentPassword, hash))) throw new AppError('forbidden', 'the current password is wrong');
  await attemptSucceeded(ctx.store.attempts, keys);
  await ctx.store.people.setPasswordHash(user.id, await hashPassword(input.newPassword));
  await closeSheetsOf(ctx, user.id);
}

async function closeSheetsOf(ctx: Services, userId: string): Promise<void> {
  const sheets = await ctx.store.sheets.listSheetsOf(userId);
  await Promise.all(sheets.map((sheet) => ctx.sync.closeUser(sheet.id, userId)));
}

/** Issues a personal access token; the token itself is returned once and only its hash is kept. */
export async function createAccessToken(store: Store, userId: string, name: string): Promise<string> {
  const { token, hash } = newAccessToken();
  await store.people.createAccessToken({ userId, name, tokenHash: hash });
  return token;
}

/** Changes a person's name, department or administrator flag (administrators; nobody removes their own flag). */
export async function updateUserAs(store: Store, actor: Actor, userId: string, change: PatchUserBody): Promise<User> {
  if (!canManagePeople(actor)) throw new AppError('forbidden', 'only administrators change people');
  if (userId === actor.id && change.admin === false) throw new AppError('conflict', 'you cannot remove your own administrator rights');
  const departmentId = change.department === undefined ? undefined : change.department === null ? null : await departmentNamed(store, change.department);
  const user = await store.people.updateUser(userId, { name: change.name, departmentId, isAdmin: change.admin });
  if (!user) throw new AppError('not_found', 'no such person');
  return user;
}

/** Revokes one of the caller's personal access tokens. */
export async function revokeAccessToken(store: Store, userId: string, tokenId: string): Promise<void> {
  if (!(await store.people.revokeAccessToken(userId, tokenId))) throw new AppError('not_found', 'no such token');
}

/** The directory, optionally filtered by a search over name, email and department. */
export async function searchPeople(store: Store, query: string | null, limit: number) {
  const q = query?.trim().toLowerCase() ?? '';
  const all = await store.people.listUsers();
  const matches = q ? all.filter((u) => [u.name, u.email, u.departmentName ?? ''].some((f) => f.toLowerCase().includes(q))) : all;
  return matches.slice(0, limit).map(({ id, email, name, departmentName, isAdmin }) => ({ id, email, name, departmentName, isAdmin }));
}
