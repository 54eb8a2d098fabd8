import type { NotificationKind, NotificationPreferences } from '../../lib/notify/kinds';
import type { Role } from '../../lib/policies/roles';
import type { Confidentiality, Stage, TaskStatus, Urgency } from '../../lib/sheet/fields';

/** A person who can sign in. */
export interface User {
  id: string;
  email: string;
  name: string;
  departmentId: string | null;
  departmentName: string | null;
  isAdmin: boolean;
  /** The department this person is the head (部门负责人) of, by name; null when none. */
  headOf: string | null;
  createdAt: string;
  /** Raised to end every session of this person (sign-out, password change, "sign out everywhere"). */
  sessionVersion: number;
}

/** A department (部门) of the enterprise, with its head (部门负责人) when one is named. */
export interface Department {
  id: string;
  name: string;
  headId: string | null;
  headName: string | null;
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
  /** Replaces a person's password hash and ends every session they hold (raises the session version). */
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** Ends every session a person holds: the new session version, or null when there is no such person. */
  endSessions(userId: string): Promise<number | null>;
  listUsers(): Promise<User[]>;
  createDepartment(name: string): Promise<Department>;
  findDepartmentByName(name: string): Promise<Department | null>;
  listDepartments(): Promise<Department[]>;
  /**
   * Names the head of a department, or clears it (null). A person heads one department at most:
   * naming them here ends their headship elsewhere. Null when there is no such department.
   */
  setDepartmentHead(departmentId: string, userId: string | null): Promise<Department | null>;
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

/** One task of a sheet as the cross-sheet task index keeps it, with what its lists need of the sheet. */
export interface IndexedTask {
  sheetId: string;
  rowId: string;
  /** Its place in the sheet's table, from 0. */
  position: number;
  task: string;
  department: string;
  personId: string | null;
  person: string;
  deliverable: string;
  /** `YYYY-MM-DD`, the end of that day in the organisation's time zone (lib/sheet/deadlines.ts). */
  deadline: string | null;
  status: TaskStatus;
  /** When the index first saw the task done (kept while it stays done); null otherwise. */
  doneAt: string | null;
  /**
   * When the index first saw the task's current responsible person (`personId`, else the name),
   * kept while it stays theirs; null without one, or for a person set before the index kept it.
   */
  assignedAt: string | null;
  /** When the sheet entered its current stage (`control.stageAt`); null if that predates it being kept. */
  stageEnteredAt: string | null;
  /** Time of the task's latest progress note, null when it has none. */
  lastFeedbackAt: string | null;
  feedbackCount: number;
  sheetTitle: string;
  sheetStage: Stage;
  sheetUrgency: Urgency;
  /** 跟踪人 and 发起人 of the sheet, when chosen from the directory. */
  trackerId: string | null;
  initiatorId: string | null;
}

/** A task as the sync server hands it to the index: what the store dates itself left out. */
export type TaskIndexEntry = Omit<IndexedTask, 'doneAt' | 'assignedAt'>;

/** Per department: open tasks, and how many of them are overdue or due this week. */
export interface DepartmentTaskCounts {
  department: string;
  open: number;
  overdue: number;
  dueThisWeek: number;
}

/**
 * The cross-sheet task index: one row per task of each sheet, replaced whenever the sheet's
 * tasks, feedback, basic information or stage change, so that lists across sheets (我的任务, the
 * tracker's view, reminders, the dashboard) never open documents.
 */
export interface TaskStore {
  /** Replaces every indexed task of a sheet; `doneAt` and `assignedAt` are set here, kept while they hold. */
  replaceForSheet(sheetId: string, tasks: TaskIndexEntry[]): Promise<void>;
  /** A sheet's indexed tasks in table order. */
  ofSheet(sheetId: string): Promise<IndexedTask[]>;
  /** Tasks of a person (by id) or of their department (by name), on sheets they are a member of. */
  assignedTo(userId: string, departmentName: string | null): Promise<IndexedTask[]>;
  /** Tasks of the sheets a person follows up: as 跟踪人, as 发起人, or as facilitator; member sheets only. */
  trackedBy(userId: string): Promise<IndexedTask[]>;
  /** Tasks not done, with a deadline, on sheets not archived: what reminders look at. */
  openWithDeadlines(): Promise<IndexedTask[]>;
  /**
   * Open tasks per department on sheets not archived, with those overdue (deadline before
   * `today`) and due this week (`today` to `weekEnd`); only `department` when given.
   */
  departmentCounts(input: { today: string; weekEnd: string; department?: string }): Promise<DepartmentTaskCounts[]>;
  /** Sheets not archived, counted by stage and urgency; only those involving `department` when given. */
  openSheetCounts(input: { department?: string }): Promise<Array<{ stage: Stage; urgency: Urgency; count: number }>>;
  /** After how many days without progress feedback the person wants a task flagged; null until chosen. */
  staleDaysOf(userId: string): Promise<number | null>;
  setStaleDays(userId: string, days: number): Promise<void>;
}

/** Something a person was told: who did what on which sheet; shown by the bell until read. */
export interface Notification {
  id: number;
  recipientId: string;
  kind: NotificationKind;
  sheetId: string | null;
  actorId: string | null;
  actorName: string | null;
  /** What the words need: the sheet's title, the section or task row, the stage, a message. */
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/** A notification to record for one recipient. */
export interface NewNotification extends Omit<Notification, 'id' | 'createdAt' | 'readAt'> {
  /**
   * Makes it happen once per recipient, however many times or on however many nodes it is
   * attempted (a deadline reminder, a mention seen by two nodes); null for no such limit.
   */
  key: string | null;
  /** False when the person reads this kind by email only: kept for `key`, never listed. */
  inApp: boolean;
}

/** Notifications of every person, and their preferences. */
export interface NotificationStore {
  /** Records a notification; null when one with the same recipient and `key` exists (nothing is written). */
  add(notification: NewNotification): Promise<Notification | null>;
  /**
   * Records `notification` in place of the recipient's latest unread one of the same kind on the
   * same sheet created within the last `windowMs` (by the store's clock), if there is one: that one
   * is removed, and the new one (newest) carries `merge(its payload)`. Returns what was recorded
   * and the notification it replaced, null when none (a burst of stage changes becomes one notice).
   */
  collapse(
    notification: Omit<NewNotification, 'key'>,
    windowMs: number,
    merge: (earlier: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<{ notification: Notification; replaced: Notification | null }>;
  /** A person's in-app notifications, newest first, older than `before` (an id) when given. */
  list(recipientId: string, page: { limit: number; before?: number }): Promise<Notification[]>;
  /** How many of a person's in-app notifications are unread. */
  unreadCount(recipientId: string): Promise<number>;
  /** Marks some of a person's notifications (or all of them) read; returns how many changed. */
  markRead(recipientId: string, ids: number[] | 'all'): Promise<number>;
  /** A person's stored preferences, or null if they never set any. */
  preferences(userId: string): Promise<NotificationPreferences | null>;
  setPreferences(userId: string, preferences: NotificationPreferences): Promise<void>;
}

/**
 * Counters of attempts (failed sign-ins, wrong share-link passwords) in fixed windows, shared by
 * every node that shares the store. Times are the store's clock.
 */
export interface AttemptStore {
  /** Counts one attempt under `key`: the count in the current window (this one included) and when that window ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; retryAfterMs: number }>;
  /** Takes one attempt back (it succeeded); never below zero. */
  forgive(key: string): Promise<void>;
  /** Forgets every attempt under `key`. */
  clear(key: string): Promise<void>;
}

/** Everything Concord keeps. One adapter per engine; one contract test suite for all. */
export interface Store {
  people: PeopleStore;
  sheets: SheetStore;
  updates: UpdateLog;
  history: HistoryStore;
  shareLinks: ShareLinkStore;
  tasks: TaskStore;
  notifications: NotificationStore;
  attempts: AttemptStore;
  close(): Promise<void>;
}
