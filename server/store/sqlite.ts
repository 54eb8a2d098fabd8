import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { Checkpointer } from './checkpointer';
import { CompactedLogError } from './errors';
import { KeyedMutex } from './mutex';
import { DEPARTMENT_COLUMNS, DEPARTMENT_FROM, NOTIFICATION_COLUMNS, USER_COLUMNS, USER_FROM, KEPT_TASK_COLUMNS, keptTimes, toEvent, toNotification, toShareLink, toSheet, toTask, toUser, toVersion, type ActivityRow, type KeptTaskRow, type NotificationRow, type ShareLinkRow, type SheetRow, type TaskRow, type UserRow, type VersionRow } from './rows';
import type { Role } from '../../lib/policies/roles';
import type { Stage, Urgency } from '../../lib/sheet/fields';
import type { NotificationPreferences } from '../../lib/notify/kinds';
import type { Department, DepartmentTaskCounts, ExclusiveLog, LogEntry, Member, NewNotification, SheetSummary, Store, TaskIndexEntry } from './types';

const MIGRATIONS: string[] = [
  `CREATE TABLE departments (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL
   );
   CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     department_id TEXT REFERENCES departments(id),
     password_hash TEXT,
     is_admin INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL
   );
   CREATE TABLE access_tokens (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL
   );
   CREATE TABLE sheets (
     id TEXT PRIMARY KEY,
     created_by TEXT NOT NULL REFERENCES users(id),
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     summary TEXT NOT NULL
   );
   CREATE TABLE members (
     sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     added_at TEXT NOT NULL,
     PRIMARY KEY (sheet_id, user_id)
   );
   CREATE INDEX members_by_user ON members(user_id);
   CREATE TABLE sheet_updates (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
     data BLOB NOT NULL
   );
   CREATE INDEX sheet_updates_by_sheet ON sheet_updates(sheet_id, id);
   CREATE TABLE sheet_snapshots (
     sheet_id TEXT PRIMARY KEY REFERENCES sheets(id) ON DELETE CASCADE,
     through_id INTEGER NOT NULL,
     data BLOB NOT NULL
   );`,
  `CREATE TABLE activity (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     actor_id TEXT,
     actor_name TEXT NOT NULL,
     kind TEXT NOT NULL,
     detail TEXT NOT NULL
   );
   CREATE INDEX activity_by_sheet ON activity(sheet_id, id);
   CREATE TABLE versions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     actor_id TEXT,
     actor_name TEXT NOT NULL,
     name TEXT NOT NULL,
     kind TEXT NOT NULL,
     state BLOB NOT NULL
   );
   CREATE INDEX versions_by_sheet ON versions(sheet_id, id);`,
  `CREATE TABLE share_links (
     id TEXT PRIMARY KEY,
     sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
     token_hash TEXT NOT NULL UNIQUE,
     created_by TEXT NOT NULL REFERENCES users(id),
     created_at TEXT NOT NULL,
     expires_at TEXT,
     revoked_at TEXT,
     password_hash TEXT
   );
   CREATE INDEX share_links_by_sheet ON share_links(sheet_id);`,
  `CREATE TABLE tasks (
     sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
     row_id TEXT NOT NULL,
     position INTEGER NOT NULL,
     task TEXT NOT NULL,
     department TEXT NOT NULL,
     person_id TEXT,
     person TEXT NOT NULL,
     deliverable TEXT NOT NULL,
     deadline TEXT,
     status TEXT NOT NULL,
     done_at TEXT,
     last_feedback_at TEXT,
     feedback_count INTEGER NOT NULL,
     sheet_title TEXT NOT NULL,
     sheet_stage TEXT NOT NULL,
     sheet_urgency TEXT NOT NULL,
     tracker_id TEXT,
     initiator_id TEXT,
     PRIMARY KEY (sheet_id, row_id)
   );
   CREATE INDEX tasks_by_person ON tasks(person_id);
   CREATE INDEX tasks_by_department ON tasks(department);
   CREATE INDEX tasks_by_tracker ON tasks(tracker_id);
   CREATE INDEX tasks_open_by_deadline ON tasks(deadline) WHERE status <> 'done';
   CREATE TABLE tracking_settings (
     user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
     stale_days INTEGER NOT NULL
   );`,
  `CREATE TABLE notifications (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     recipient_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     sheet_id TEXT REFERENCES sheets(id) ON DELETE CASCADE,
     actor_id TEXT,
     actor_name TEXT,
     payload TEXT NOT NULL,
     dedupe_key TEXT,
     in_app INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     read_at TEXT
   );
   CREATE UNIQUE INDEX notifications_once ON notifications(recipient_id, dedupe_key);
   CREATE INDEX notifications_listed ON notifications(recipient_id, id) WHERE in_app = 1;
   CREATE INDEX notifications_unread ON notifications(recipient_id) WHERE in_app = 1 AND read_at IS NULL;
   CREATE TABLE notification_preferences (
     user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
     preferences TEXT NOT NULL
   );`,
  `ALTER TABLE departments ADD COLUMN head_user_id TEXT REFERENCES users(id) ON DELETE SET NULL;
   CREATE UNIQUE INDEX departments_head ON departments(head_user_id);`,
  `ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE attempts (
     key TEXT PRIMARY KEY,
     count INTEGER NOT NULL,
     window_ends_ms INTEGER NOT NULL
   );
   CREATE INDEX attempts_by_end ON attempts(window_ends_ms);`,
  // When a task got its person and when its sheet entered the stage: silence counts from the later (issue 13 §4).
  `ALTER TABLE tasks ADD COLUMN assigned_at TEXT;
   ALTER TABLE tasks ADD COLUMN stage_entered_at TEXT;`,
];

const TASK_ORDER = 'ORDER BY t.deadline IS NULL, t.deadline, t.sheet_id, t.position';

const now = () => new Date().toISOString();

/** The embedded store: one SQLite file, WAL mode, durable against a killed process. */
export function openSqliteStore(file: string): Store {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a killed process (the OS holds the written pages); only power loss can cost the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoints run in a worker (see Checkpointer), never inside a commit on the event loop.
  db.pragma('wal_autocheckpoint = 0');
  migrate(db);
  const checkpointer = file === ':memory:' ? null : new Checkpointer(file);
  let closing: Promise<void> | null = null;

  const q = {
    countUsers: db.prepare('SELECT COUNT(*) AS n FROM users'),
    insertUser: db.prepare('INSERT INTO users (id, email, name, department_id, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    userById: db.prepare(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.id = ?`),
    userByEmail: db.prepare(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.email = ?`),
    passwordHash: db.prepare('SELECT password_hash FROM users WHERE id = ?'),
    setPasswordHash: db.prepare('UPDATE users SET password_hash = ?, session_version = session_version + 1 WHERE id = ?'),
    endSessions: db.prepare('UPDATE users SET session_version = session_version + 1 WHERE id = ? RETURNING session_version'),
    expireAttempts: db.prepare('DELETE FROM attempts WHERE window_ends_ms <= ?'),
    hitAttempt: db.prepare(
      `INSERT INTO attempts (key, count, window_ends_ms) VALUES (@key, 1, @now + @windowMs)
       ON CONFLICT(key) DO UPDATE SET count = count + 1 RETURNING count, window_ends_ms`,
    ),
    forgiveAttempt: db.prepare('UPDATE attempts SET count = count - 1 WHERE key = ? AND count > 0'),
    clearAttempt: db.prepare('DELETE FROM attempts WHERE key = ?'),
    listUsers: db.prepare(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} ORDER BY u.name`),
    insertDepartment: db.prepare('INSERT INTO departments (id, name, created_at) VALUES (?, ?, ?)'),
    departmentByName: db.prepare(`SELECT ${DEPARTMENT_COLUMNS} FROM ${DEPARTMENT_FROM} WHERE d.name = ?`),
    departmentById: db.prepare(`SELECT ${DEPARTMENT_COLUMNS} FROM ${DEPARTMENT_FROM} WHERE d.id = ?`),
    listDepartments: db.prepare(`SELECT ${DEPARTMENT_COLUMNS} FROM ${DEPARTMENT_FROM} ORDER BY d.name`),
    clearHeadship: db.prepare('UPDATE departments SET head_user_id = NULL WHERE head_user_id = ?'),
    setHead: db.prepare('UPDATE departments SET head_user_id = ? WHERE id = ?'),
    insertToken: db.prepare('INSERT INTO access_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
    userByToken: db.prepare(`SELECT ${USER_COLUMNS} FROM access_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN departments d ON d.id = u.department_id WHERE t.token_hash = ?`),
    listTokens: db.prepare('SELECT id, name, created_at FROM access_tokens WHERE user_id = ? ORDER BY created_at DESC, rowid DESC'),
    revokeToken: db.prepare('DELETE FROM access_tokens WHERE user_id = ? AND id = ?'),
    updateUser: db.prepare(
      'UPDATE users SET name = COALESCE(@name, name), department_id = CASE WHEN @setDepartment THEN @departmentId ELSE department_id END, is_admin = COALESCE(@isAdmin, is_admin) WHERE id = @id',
    ),
    usersInDepartment: db.prepare(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.department_id = ? ORDER BY u.name`),
    insertSheet: db.prepare('INSERT INTO sheets (id, created_by, created_at, updated_at, summary) VALUES (?, ?, ?, ?, ?)'),
    sheetById: db.prepare('SELECT * FROM sheets WHERE id = ?'),
    updateSummary: db.prepare('UPDATE sheets SET summary = ?, updated_at = ? WHERE id = ?'),
    sheetsOf: db.prepare('SELECT s.*, m.role FROM sheets s JOIN members m ON m.sheet_id = s.id WHERE m.user_id = ? ORDER BY s.updated_at DESC'),
    roleOf: db.prepare('SELECT role FROM members WHERE sheet_id = ? AND user_id = ?'),
    upsertMember: db.prepare(
      'INSERT INTO members (sheet_id, user_id, role, added_at) VALUES (?, ?, ?, ?) ON CONFLICT(sheet_id, user_id) DO UPDATE SET role = excluded.role',
    ),
    deleteMember: db.prepare('DELETE FROM members WHERE sheet_id = ? AND user_id = ?'),
    listMembers: db.prepare(
      `SELECT m.role, ${USER_COLUMNS} FROM members m JOIN users u ON u.id = m.user_id LEFT JOIN departments d ON d.id = u.department_id WHERE m.sheet_id = ? ORDER BY m.added_at, m.rowid`,
    ),
    appendUpdate: db.prepare('INSERT INTO sheet_updates (sheet_id, data) VALUES (?, ?)'),
    snapshot: db.prepare('SELECT through_id, data FROM sheet_snapshots WHERE sheet_id = ?'),
    updatesAfter: db.prepare('SELECT id, data FROM sheet_updates WHERE sheet_id = ? AND id > ? ORDER BY id'),
    pendingCount: db.prepare('SELECT COUNT(*) AS n FROM sheet_updates WHERE sheet_id = ? AND id > ?'),
    upsertSnapshot: db.prepare(
      'INSERT INTO sheet_snapshots (sheet_id, through_id, data) VALUES (?, ?, ?) ON CONFLICT(sheet_id) DO UPDATE SET through_id = excluded.through_id, data = excluded.data WHERE excluded.through_id > sheet_snapshots.through_id',
    ),
    deleteUpdatesThrough: db.prepare('DELETE FROM sheet_updates WHERE sheet_id = ? AND id <= ?'),
    insertEvent: db.prepare('INSERT INTO activity (sheet_id, at, actor_id, actor_name, kind, detail) VALUES (?, ?, ?, ?, ?, ?)'),
    eventById: db.prepare('SELECT * FROM activity WHERE id = ?'),
    events: db.prepare('SELECT * FROM activity WHERE sheet_id = ? ORDER BY id DESC LIMIT ?'),
    insertVersion: db.prepare('INSERT INTO versions (sheet_id, at, actor_id, actor_name, name, kind, state) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    versions: db.prepare('SELECT id, sheet_id, at, actor_id, actor_name, name, kind FROM versions WHERE sheet_id = ? ORDER BY id DESC'),
    version: db.prepare('SELECT * FROM versions WHERE sheet_id = ? AND id = ?'),
    insertLink: db.prepare('INSERT INTO share_links (id, sheet_id, token_hash, created_by, created_at, expires_at, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    linkById: db.prepare('SELECT * FROM share_links WHERE id = ?'),
    linkByToken: db.prepare('SELECT * FROM share_links WHERE token_hash = ?'),
    linksOf: db.prepare('SELECT * FROM share_links WHERE sheet_id = ? ORDER BY created_at DESC, rowid DESC'),
    revokeLink: db.prepare('UPDATE share_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    revokeLinksOf: db.prepare('UPDATE share_links SET revoked_at = ? WHERE sheet_id = ? AND revoked_at IS NULL'),
    keptTimesOf: db.prepare(`SELECT ${KEPT_TASK_COLUMNS} FROM tasks WHERE sheet_id = ?`),
    deleteTasksOf: db.prepare('DELETE FROM tasks WHERE sheet_id = ?'),
    insertTask: db.prepare(
      `INSERT INTO tasks (sheet_id, row_id, position, task, department, person_id, person, deliverable, deadline, status, done_at, assigned_at, stage_entered_at, last_feedback_at, feedback_count, sheet_title, sheet_stage, sheet_urgency, tracker_id, initiator_id)
       VALUES (@sheetId, @rowId, @position, @task, @department, @personId, @person, @deliverable, @deadline, @status, @doneAt, @assignedAt, @stageEnteredAt, @lastFeedbackAt, @feedbackCount, @sheetTitle, @sheetStage, @sheetUrgency, @trackerId, @initiatorId)`,
    ),
    tasksOfSheet: db.prepare('SELECT * FROM tasks t WHERE t.sheet_id = ? ORDER BY t.position'),
    tasksAssigned: db.prepare(
      `SELECT t.* FROM tasks t JOIN members m ON m.sheet_id = t.sheet_id AND m.user_id = @userId
       WHERE t.person_id = @userId OR (@department IS NOT NULL AND t.department = @department) ${TASK_ORDER}`,
    ),
    tasksTracked: db.prepare(
      `SELECT t.* FROM tasks t JOIN members m ON m.sheet_id = t.sheet_id AND m.user_id = @userId
       WHERE t.tracker_id = @userId OR t.initiator_id = @userId OR m.role = 'facilitator' ${TASK_ORDER}`,
    ),
    tasksOpenWithDeadlines: db.prepare(`SELECT * FROM tasks t WHERE t.status <> 'done' AND t.deadline IS NOT NULL AND t.sheet_stage <> 'archived' ${TASK_ORDER}`),
    departmentCounts: db.prepare(
      `SELECT department, COUNT(*) AS open,
              SUM(CASE WHEN deadline < @today THEN 1 ELSE 0 END) AS overdue,
              SUM(CASE WHEN deadline >= @today AND deadline <= @weekEnd THEN 1 ELSE 0 END) AS dueThisWeek
       FROM tasks WHERE status <> 'done' AND sheet_stage <> 'archived' AND (@department IS NULL OR department = @department)
       GROUP BY department ORDER BY overdue DESC, open DESC, department`,
    ),
    openSheetCounts: db.prepare(
      `SELECT json_extract(summary, '$.stage') AS stage, json_extract(summary, '$.urgency') AS urgency, COUNT(*) AS count FROM sheets
       WHERE json_extract(summary, '$.stage') <> 'archived'
         AND (@department IS NULL OR EXISTS (SELECT 1 FROM json_each(summary, '$.departments') WHERE value = @department))
       GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    staleDays: db.prepare('SELECT stale_days FROM tracking_settings WHERE user_id = ?'),
    setStaleDays: db.prepare('INSERT INTO tracking_settings (user_id, stale_days) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET stale_days = excluded.stale_days'),
    insertNotification: db.prepare(
      `INSERT INTO notifications (recipient_id, kind, sheet_id, actor_id, actor_name, payload, dedupe_key, in_app, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (recipient_id, dedupe_key) DO NOTHING RETURNING ${NOTIFICATION_COLUMNS}`,
    ),
    latestUnread: db.prepare(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE recipient_id = ? AND kind = ? AND sheet_id IS ? AND read_at IS NULL AND created_at >= ? ORDER BY id DESC LIMIT 1`,
    ),
    deleteNotification: db.prepare('DELETE FROM notifications WHERE id = ?'),
    notificationsOf: db.prepare(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE recipient_id = ? AND in_app = 1 AND id < ? ORDER BY id DESC LIMIT ?`),
    unreadCount: db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE recipient_id = ? AND in_app = 1 AND read_at IS NULL'),
    markAllRead: db.prepare('UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL'),
    markRead: db.prepare('UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND id = ? AND read_at IS NULL'),
    preferences: db.prepare('SELECT preferences FROM notification_preferences WHERE user_id = ?'),
    upsertPreferences: db.prepare(
      'INSERT INTO notification_preferences (user_id, preferences) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET preferences = excluded.preferences',
    ),
  };

  const appendMany = db.transaction((sheetId: string, updates: Uint8Array[]) => {
    let last = 0;
    for (const u of updates) last = Number(q.appendUpdate.run(sheetId, u).lastInsertRowid);
    return last;
  });
  const compact = db.transaction((sheetId: string, snapshot: Uint8Array, throughId: number) => {
    q.upsertSnapshot.run(sheetId, throughId, snapshot);
    q.deleteUpdatesThrough.run(sheetId, throughId);
  });
  const createSheet = db.transaction((id: string, createdBy: string, summary: SheetSummary, firstUpdate: Uint8Array, at: string) => {
    q.insertSheet.run(id, createdBy, at, at, JSON.stringify(summary));
    q.upsertMember.run(id, createdBy, 'facilitator', at);
    q.appendUpdate.run(id, firstUpdate);
  });
  const replaceTasks = db.transaction((sheetId: string, tasks: TaskIndexEntry[], at: string) => {
    const before = new Map((q.keptTimesOf.all(sheetId) as KeptTaskRow[]).map((r) => [r.row_id, r]));
    q.deleteTasksOf.run(sheetId);
    for (const task of tasks) q.insertTask.run({ ...task, sheetId, ...keptTimes(before.get(task.rowId), task, at) });
  });
  const setHead = db.transaction((departmentId: string, userId: string | null) => {
    if (userId) q.clearHeadship.run(userId);
    return q.setHead.run(userId, departmentId).changes > 0;
  });
  const collapse = db.transaction((n: Omit<NewNotification, 'key'>, windowMs: number, merge: (earlier: Record<string, unknown>) => Record<string, unknown>) => {
    const at = new Date();
    const earlier = q.latestUnread.get(n.recipientId, n.kind, n.sheetId, new Date(at.getTime() - windowMs).toISOString()) as NotificationRow | undefined;
    const replaced = earlier ? toNotification(earlier) : null;
    if (replaced) q.deleteNotification.run(replaced.id);
    const payload = replaced ? merge(replaced.payload) : n.payload;
    const row = q.insertNotification.get(n.recipientId, n.kind, n.sheetId, n.actorId, n.actorName, JSON.stringify(payload), null, n.inApp ? 1 : 0, at.toISOString()) as NotificationRow;
    return { notification: toNotification(row), replaced };
  });
  const markRead = db.transaction((recipientId: string, ids: number[], at: string) => ids.reduce((n, id) => n + q.markRead.run(at, recipientId, id).changes, 0));
  const snapshotThrough = (sheetId: string) => (q.snapshot.get(sheetId) as { through_id: number; data: Buffer } | undefined) ?? null;
  const since = (sheetId: string, afterId: number): LogEntry[] => {
    const through = snapshotThrough(sheetId)?.through_id ?? 0;
    if (afterId < through) throw new CompactedLogError(sheetId, afterId, through);
    return (q.updatesAfter.all(sheetId, afterId) as Array<{ id: number; data: Buffer }>).map((r) => ({ id: r.id, data: new Uint8Array(r.data) }));
  };
  // One process owns the file: an in-process lock per sheet orders appends against `exclusive`.
  const appendLocks = new KeyedMutex();
  const held = (sheetId: string): ExclusiveLog => ({
    async since(afterId) {
      return since(sheetId, afterId);
    },
    async append(updates) {
      return appendMany(sheetId, updates);
    },
  });

  return {
    people: {
      async countUsers() {
        return (q.countUsers.get() as { n: number }).n;
      },
      async createUser(input) {
        const id = randomUUID();
        q.insertUser.run(id, input.email, input.name, input.departmentId, input.passwordHash, input.isAdmin ? 1 : 0, now());
        return toUser(q.userById.get(id) as UserRow);
      },
      async findUserById(id) {
        const row = q.userById.get(id) as UserRow | undefined;
        return row ? toUser(row) : null;
      },
      async findUserByEmail(email) {
        const row = q.userByEmail.get(email) as UserRow | undefined;
        return row ? toUser(row) : null;
      },
      async passwordHashOf(userId) {
        return (q.passwordHash.get(userId) as { password_hash: string | null } | undefined)?.password_hash ?? null;
      },
      async setPasswordHash(userId, passwordHash) {
        q.setPasswordHash.run(passwordHash, userId);
      },
      async endSessions(userId) {
        return (q.endSessions.get(userId) as { session_version: number } | undefined)?.session_version ?? null;
      },
      async listUsers() {
        return (q.listUsers.all() as UserRow[]).map(toUser);
      },
      async createDepartment(name) {
        const id = randomUUID();
        q.insertDepartment.run(id, name, now());
        return { id, name, headId: null, headName: null };
      },
      async findDepartmentByName(name) {
        return (q.departmentByName.get(name) as Department | undefined) ?? null;
      },
      async listDepartments() {
        return q.listDepartments.all() as Department[];
      },
      async setDepartmentHead(departmentId, userId) {
        return setHead(departmentId, userId) ? (q.departmentById.get(departmentId) as Department) : null;
      },
      async createAccessToken(input) {
        const id = randomUUID();
        q.insertToken.run(id, input.userId, input.name, input.tokenHash, now());
        return { id };
      },
      async findUserByAccessToken(tokenHash) {
        const row = q.userByToken.get(tokenHash) as UserRow | undefined;
        return row ? toUser(row) : null;
      },
      async listAccessTokens(userId) {
        return (q.listTokens.all(userId) as Array<{ id: string; name: string; created_at: string }>).map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
      },
      async revokeAccessToken(userId, id) {
        return q.revokeToken.run(userId, id).changes > 0;
      },
      async updateUser(id, change) {
        q.updateUser.run({
          id,
          name: change.name ?? null,
          setDepartment: change.departmentId === undefined ? 0 : 1,
          departmentId: change.departmentId ?? null,
          isAdmin: change.isAdmin === undefined ? null : change.isAdmin ? 1 : 0,
        });
        const row = q.userById.get(id) as UserRow | undefined;
        return row ? toUser(row) : null;
      },
      async listUsersInDepartment(departmentId) {
        return (q.usersInDepartment.all(departmentId) as UserRow[]).map(toUser);
      },
    },
    sheets: {
      async createSheet({ id, createdBy, summary, firstUpdate }) {
        createSheet(id, createdBy, summary, firstUpdate, now());
        return toSheet(q.sheetById.get(id) as SheetRow);
      },
      async getSheet(id) {
        const row = q.sheetById.get(id) as SheetRow | undefined;
        return row ? toSheet(row) : null;
      },
      async updateSummary(id, summary) {
        q.updateSummary.run(JSON.stringify(summary), now(), id);
      },
      async listSheetsOf(userId) {
        return (q.sheetsOf.all(userId) as Array<SheetRow & { role: Role }>).map((row) => ({ ...toSheet(row), role: row.role }));
      },
      async roleOf(sheetId, userId) {
        return ((q.roleOf.get(sheetId, userId) as { role: Role } | undefined)?.role ?? null) as Role | null;
      },
      async setMember(sheetId, userId, role) {
        q.upsertMember.run(sheetId, userId, role, now());
      },
      async removeMember(sheetId, userId) {
        return q.deleteMember.run(sheetId, userId).changes > 0;
      },
      async listMembers(sheetId) {
        return (q.listMembers.all(sheetId) as Array<UserRow & { role: Role }>).map(
          (row): Member => ({ userId: row.id, email: row.email, name: row.name, departmentName: row.department_name, role: row.role }),
        );
      },
    },
    updates: {
      async append(sheetId, updates) {
        return appendLocks.run(sheetId, async () => appendMany(sheetId, updates));
      },
      async load(sheetId) {
        const snap = snapshotThrough(sheetId);
        const after = snap?.through_id ?? 0;
        const rows = q.updatesAfter.all(sheetId, after) as Array<{ id: number; data: Buffer }>;
        return {
          snapshot: snap ? new Uint8Array(snap.data) : null,
          updates: rows.map((r) => new Uint8Array(r.data)),
          throughId: rows.length ? rows[rows.length - 1].id : after,
        };
      },
      async compact(sheetId, snapshot, throughId) {
        compact(sheetId, snapshot, throughId);
      },
      async pendingCount(sheetId) {
        return (q.pendingCount.get(sheetId, snapshotThrough(sheetId)?.through_id ?? 0) as { n: number }).n;
      },
      async since(sheetId, afterId) {
        return since(sheetId, afterId);
      },
      async exclusive(sheetId, fn) {
        return appendLocks.run(sheetId, () => fn(held(sheetId)));
      },
    },
    history: {
      async record(e) {
        const id = Number(q.insertEvent.run(e.sheetId, now(), e.actorId, e.actorName, e.kind, JSON.stringify(e.detail)).lastInsertRowid);
        return toEvent(q.eventById.get(id) as ActivityRow);
      },
      async events(sheetId, limit) {
        return (q.events.all(sheetId, limit) as ActivityRow[]).map(toEvent);
      },
      async saveVersion(v) {
        const at = now();
        const id = Number(q.insertVersion.run(v.sheetId, at, v.actorId, v.actorName, v.name, v.kind, v.state).lastInsertRowid);
        return { id, sheetId: v.sheetId, at, actorId: v.actorId, actorName: v.actorName, name: v.name, kind: v.kind };
      },
      async versions(sheetId) {
        return (q.versions.all(sheetId) as VersionRow[]).map(toVersion);
      },
      async version(sheetId, id) {
        const row = q.version.get(sheetId, id) as VersionRow | undefined;
        return row ? { ...toVersion(row), state: new Uint8Array(row.state!) } : null;
      },
    },
    shareLinks: {
      async create(link) {
        const id = randomUUID();
        q.insertLink.run(id, link.sheetId, link.tokenHash, link.createdBy, now(), link.expiresAt, link.passwordHash);
        return toShareLink(q.linkById.get(id) as ShareLinkRow);
      },
      async findByTokenHash(tokenHash) {
        const row = q.linkByToken.get(tokenHash) as ShareLinkRow | undefined;
        return row ? toShareLink(row) : null;
      },
      async listForSheet(sheetId) {
        return (q.linksOf.all(sheetId) as ShareLinkRow[]).map(toShareLink);
      },
      async revoke(id) {
        q.revokeLink.run(now(), id);
      },
      async revokeAllForSheet(sheetId) {
        return q.revokeLinksOf.run(now(), sheetId).changes;
      },
    },
    tasks: {
      async replaceForSheet(sheetId, tasks) {
        replaceTasks(sheetId, tasks, now());
      },
      async ofSheet(sheetId) {
        return (q.tasksOfSheet.all(sheetId) as TaskRow[]).map(toTask);
      },
      async assignedTo(userId, departmentName) {
        return (q.tasksAssigned.all({ userId, department: departmentName }) as TaskRow[]).map(toTask);
      },
      async trackedBy(userId) {
        return (q.tasksTracked.all({ userId }) as TaskRow[]).map(toTask);
      },
      async openWithDeadlines() {
        return (q.tasksOpenWithDeadlines.all() as TaskRow[]).map(toTask);
      },
      async departmentCounts({ today, weekEnd, department }) {
        return q.departmentCounts.all({ today, weekEnd, department: department ?? null }) as DepartmentTaskCounts[];
      },
      async openSheetCounts({ department }) {
        return q.openSheetCounts.all({ department: department ?? null }) as Array<{ stage: Stage; urgency: Urgency; count: number }>;
      },
      async staleDaysOf(userId) {
        return (q.staleDays.get(userId) as { stale_days: number } | undefined)?.stale_days ?? null;
      },
      async setStaleDays(userId, days) {
        q.setStaleDays.run(userId, days);
      },
    },
    notifications: {
      async add(n) {
        const row = q.insertNotification.get(n.recipientId, n.kind, n.sheetId, n.actorId, n.actorName, JSON.stringify(n.payload), n.key, n.inApp ? 1 : 0, now()) as
          | NotificationRow
          | undefined;
        return row ? toNotification(row) : null;
      },
      async collapse(n, windowMs, merge) {
        return collapse(n, windowMs, merge);
      },
      async list(recipientId, page) {
        return (q.notificationsOf.all(recipientId, page.before ?? Number.MAX_SAFE_INTEGER, page.limit) as NotificationRow[]).map(toNotification);
      },
      async unreadCount(recipientId) {
        return (q.unreadCount.get(recipientId) as { n: number }).n;
      },
      async markRead(recipientId, ids) {
        return ids === 'all' ? q.markAllRead.run(now(), recipientId).changes : markRead(recipientId, ids, now());
      },
      async preferences(userId) {
        const row = q.preferences.get(userId) as { preferences: string } | undefined;
        return row ? (JSON.parse(row.preferences) as NotificationPreferences) : null;
      },
      async setPreferences(userId, preferences) {
        q.upsertPreferences.run(userId, JSON.stringify(preferences));
      },
    },
    attempts: {
      async hit(key, windowMs) {
        const at = Date.now();
        // Windows that ended are forgotten first, so the upsert below starts a fresh one.
        const row = db.transaction(() => {
          q.expireAttempts.run(at);
          return q.hitAttempt.get({ key, now: at, windowMs }) as { count: number; window_ends_ms: number };
        })();
        return { count: row.count, retryAfterMs: row.window_ends_ms - at };
      },
      async forgive(key) {
        q.forgiveAttempt.run(key);
      },
      async clear(key) {
        q.clearAttempt.run(key);
      },
    },
    close() {
      // Closing twice (a failed drain, then the test's cleanup) waits for the one close.
      closing ??= (async () => {
        await checkpointer?.close();
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      })();
      return closing;
    },
  };
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
