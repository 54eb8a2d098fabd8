import type { Role } from '../../lib/policies/roles';
import type { Confidentiality, Stage, Urgency } from '../../lib/sheet/fields';

/** A person who can sign in. */
export interface User {
  id: string;
  email: string;
  name: string;
  departmentId: string | null;
  departmentName: string | null;
  isAdmin: boolean;
  createdAt: string;
}

/** A department (部门) of the enterprise. */
export interface Department {
  id: string;
  name: string;
}

/** What the sheets list shows without opening the document; kept in step with it by the server. */
export interface SheetSummary {
  title: string;
  stage: Stage;
  urgency: Urgency;
  confidentiality: Confidentiality;
  dueDate: string | null;
  departments: string[];
}

/** A sheet's row: its summary plus bookkeeping. */
export interface SheetRecord extends SheetSummary {
  id: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A member of a sheet with their role. */
export interface Member {
  userId: string;
  email: string;
  name: string;
  departmentName: string | null;
  role: Role;
}

/** A sheet's stored document: the latest snapshot and every update logged after it. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Id of the last log entry included; compaction up to it is safe. */
  throughId: number;
}

/** People, departments and personal access tokens. */
export interface PeopleStore {
  countUsers(): Promise<number>;
  createUser(input: { email: string; name: string; passwordHash: string | null; isAdmin: boolean; departmentId: string | null }): Promise<User>;
  findUserById(id: string): Promise<User | null>;
  findUserByEmail(email: string): Promise<User | null>;
  /** The stored password hash of a person, for sign-in only. */
  passwordHashOf(userId: string): Promise<string | null>;
  listUsers(): Promise<User[]>;
  createDepartment(name: string): Promise<Department>;
  findDepartmentByName(name: string): Promise<Department | null>;
  listDepartments(): Promise<Department[]>;
  createAccessToken(input: { userId: string; name: string; tokenHash: string }): Promise<{ id: string }>;
  /** The owner of a personal access token, by the token's hash. */
  findUserByAccessToken(tokenHash: string): Promise<User | null>;
  /** A person's personal access tokens (never the tokens themselves), newest first. */
  listAccessTokens(userId: string): Promise<Array<{ id: string; name: string; createdAt: string }>>;
  /** Revokes one of a person's tokens; false when they have no such token. */
  revokeAccessToken(userId: string, id: string): Promise<boolean>;
  /** Changes a person's name, department or administrator flag. */
  updateUser(id: string, change: { name?: string; departmentId?: string | null; isAdmin?: boolean }): Promise<User | null>;
  /** Everyone in a department. */
  listUsersInDepartment(departmentId: string): Promise<User[]>;
}

/** Sheets and their members. */
export interface SheetStore {
  /** Creates the sheet, its facilitator and its first update in one transaction. */
  createSheet(input: { id: string; createdBy: string; summary: SheetSummary; firstUpdate: Uint8Array }): Promise<SheetRecord>;
  getSheet(id: string): Promise<SheetRecord | null>;
  updateSummary(id: string, summary: SheetSummary): Promise<void>;
  /** Sheets the person is a member of, newest change first, with their role. */
  listSheetsOf(userId: string): Promise<Array<SheetRecord & { role: Role }>>;
  roleOf(sheetId: string, userId: string): Promise<Role | null>;
  setMember(sheetId: string, userId: string, role: Role): Promise<void>;
  removeMember(sheetId: string, userId: string): Promise<boolean>;
  /** Members in the order they were added (ties in time broken by insertion). */
  listMembers(sheetId: string): Promise<Member[]>;
}

/** One entry of a sheet's update log. */
export interface LogEntry {
  id: number;
  data: Uint8Array;
}

/** The log of one sheet while its append lock is held (see `UpdateLog.exclusive`). */
export interface ExclusiveLog {
  /** As `UpdateLog.since`: includes everything appended before the lock was taken, and since by `append`. */
  since(afterId: number): Promise<LogEntry[]>;
  /** Appends updates in order, durably (committed when it resolves), after every entry `since` can see; returns the id of the last one. */
  append(updates: Uint8Array[]): Promise<number>;
}

/**
 * Each sheet's append-only update log and its compacted snapshot. Several processes may share one
 * log (PostgreSQL): the entries of one sheet are committed in id order, so whoever sees entry N
 * sees every entry of that sheet before N.
 */
export interface UpdateLog {
  /** Appends updates in order, durably, and returns the id of the last one. */
  append(sheetId: string, updates: Uint8Array[]): Promise<number>;
  /** The snapshot and every entry after it, read at one instant; `throughId` is the last entry's id (the snapshot's when none). */
  load(sheetId: string): Promise<StoredDocument>;
  /**
   * Replaces the log up to `throughId` by `snapshot`, which must contain all of it. Entries after
   * `throughId` stay, whoever appended them; a snapshot older than the stored one is ignored.
   */
  compact(sheetId: string, snapshot: Uint8Array, throughId: number): Promise<void>;
  /** Number of log entries after the snapshot. */
  pendingCount(sheetId: string): Promise<number>;
  /**
   * Log entries after `afterId` (exclusive), in id order, with their ids, read at one instant.
   * Rejects with `CompactedLogError` when `afterId` is before the snapshot's `throughId` (those
   * entries are folded into the snapshot): such a reader must `load` instead.
   */
  since(sheetId: string, afterId: number): Promise<LogEntry[]>;
  /**
   * Runs `fn` holding the sheet's exclusive append lock across every process sharing this store:
   * no other `append` or `exclusive` of that sheet runs until `fn` settles. Inside, use only
   * `log` for this sheet (calling `append` or `exclusive` of the same sheet on the store would
   * wait for ever) and keep it short: it holds a connection.
   */
  exclusive<T>(sheetId: string, fn: (log: ExclusiveLog) => Promise<T>): Promise<T>;
}

/** One entry of a sheet's activity history, visible to every member. */
export interface ActivityEvent {
  id: number;
  sheetId: string;
  at: string;
  actorId: string | null;
  actorName: string;
  /** What happened, e.g. `lock`, `unlock`, `stage`, `member.add`, `version`. */
  kind: string;
  detail: Record<string, unknown>;
}

/** A named, read-only copy of a sheet's document at one moment. */
export interface VersionInfo {
  id: number;
  sheetId: string;
  at: string;
  actorId: string | null;
  actorName: string;
  name: string;
  /** Why it was kept: `lock`, `unlock`, `stage`, or `manual` (saved on demand). */
  kind: string;
}

/** Each sheet's activity history and kept versions. */
export interface HistoryStore {
  record(event: Omit<ActivityEvent, 'id' | 'at'>): Promise<ActivityEvent>;
  /** Newest first. */
  events(sheetId: string, limit: number): Promise<ActivityEvent[]>;
  saveVersion(version: Omit<VersionInfo, 'id' | 'at'> & { state: Uint8Array }): Promise<VersionInfo>;
  /** Newest first. */
  versions(sheetId: string): Promise<VersionInfo[]>;
  version(sheetId: string, id: number): Promise<(VersionInfo & { state: Uint8Array }) | null>;
}

/** A read-only link to a sheet (a random token; only its hash is kept). */
export interface ShareLink {
  id: string;
  sheetId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Set when the link asks for a password (its scrypt hash). */
  passwordHash: string | null;
}

/** The sheets' read-only links. */
export interface ShareLinkStore {
  create(link: { sheetId: string; tokenHash: string; createdBy: string; expiresAt: string | null; passwordHash: string | null }): Promise<ShareLink>;
  findByTokenHash(tokenHash: string): Promise<ShareLink | null>;
  /** A sheet's links, newest first, revoked ones included. */
  listForSheet(sheetId: string): Promise<ShareLink[]>;
  revoke(id: string): Promise<void>;
  /** Revokes every live link of a sheet; returns how many. */
  revokeAllForSheet(sheetId: string): Promise<number>;
}

/** Everything Concord keeps. One adapter per engine; one contract test suite for all. */
export interface Store {
  people: PeopleStore;
  sheets: SheetStore;
  updates: UpdateLog;
  history: HistoryStore;
  shareLinks: ShareLinkStore;
  close(): Promise<void>;
}
