import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Role } from '../../lib/policies/roles';
import { CompactedLogError } from './errors';
import { KeyedMutex } from './mutex';
import { DEPARTMENT_COLUMNS, DEPARTMENT_FROM, NOTIFICATION_COLUMNS, USER_COLUMNS, USER_FROM, KEPT_TASK_COLUMNS, keptTimes, toEvent, toNotification, toShareLink, toSheet, toTask, toUser, toVersion, type ActivityRow, type KeptTaskRow, type NotificationRow, type ShareLinkRow, type SheetRow, type TaskRow, type UserRow, type VersionRow } from './rows';
import type { NotificationPreferences } from '../../lib/notify/kinds';
import type { Stage, Urgency } from '../../lib/sheet/fields';
import type { Department, DepartmentTaskCounts, ExclusiveLog, LogEntry, Member, StoredDocument, Store } from './types';

/** Connections per node: nodes × POOL_SIZE must stay below the server's `max_connections`. */
const POOL_SIZE = 10;

/** Advisory lock keys (two-int form): one class for Concord's migrations, one for its sheets' logs, one for their task index. */
const MIGRATION_LOCK = [0x436f6e63, 0]; // 'Conc'
const SHEET_LOCK_CLASS = 0x436f6e64;
const TASKS_LOCK_CLASS = 0x436f6e65;

/**
 * Schema changes, applied in order, each in its own transaction; the applied ones are recorded in
 * `schema_migrations`. Add new ones at the END. Times are ISO text as in SQLite, so ordering and
 * round trips are identical; `seq` columns break ties where SQLite uses its rowid.
 */
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
     is_admin BOOLEAN NOT NULL DEFAULT false,
     created_at TEXT NOT NULL
   );
   CREATE INDEX users_by_department ON users(department_id);
   CREATE TABLE access_tokens (
     id TEXT PRIMARY KEY,
     seq BIGINT GENERATED ALWAYS AS IDENTITY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL
   );
   CREATE INDEX access_tokens_by_user ON access_tokens(user_id);
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
     seq BIGINT GENERATED ALWAYS AS IDENTITY,
     PRIMARY KEY (sheet_id, user_id)
   );
   CREATE INDEX members_by_user ON members(user_id);
   CREATE TABLE sheet_updates (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
     data BYTEA NOT NULL
   );
   CREATE INDEX sheet_updates_by_sheet ON sheet_updates(sheet_id, id);
   CREATE TABLE sheet_snapshots (
     sheet_id TEXT PRIMARY KEY REFERENCES sheets(id) ON DELETE CASCADE,
     through_id BIGINT NOT NULL,
     data BYTEA NOT NULL
   );
   -- Every append of a sheet's log takes the sheet's lock before its ids are drawn, so the ids of
   -- one sheet commit in id order on every node: whoever sees entry N sees all before it.
   CREATE FUNCTION concord_append(p_sheet TEXT, p_updates BYTEA[]) RETURNS BIGINT LANGUAGE plpgsql AS $$
   DECLARE
     last_id BIGINT := 0;
     u BYTEA;
   BEGIN
     PERFORM pg_advisory_xact_lock(${SHEET_LOCK_CLASS}, hashtext(p_sheet));
     FOREACH u IN ARRAY p_updates LOOP
       INSERT INTO sheet_updates (sheet_id, data) VALUES (p_sheet, u) RETURNING id INTO last_id;
     END LOOP;
     RETURN last_id;
   END $$;
   CREATE TABLE activity (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     actor_id TEXT,
     actor_name TEXT NOT NULL,
     kind TEXT NOT NULL,
     detail TEXT NOT NULL
   );
   CREATE INDEX activity_by_sheet ON activity(sheet_id, id);
   CREATE TABLE versions (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     actor_id TEXT,
     actor_name TEXT NOT NULL,
     name TEXT NOT NULL,
     kind TEXT NOT NULL,
     state BYTEA NOT NULL
   );
   CREATE INDEX versions_by_sheet ON versions(sheet_id, id);
   CREATE TABLE share_links (
     id TEXT PRIMARY KEY,
     seq BIGINT GENERATED ALWAYS AS IDENTITY,
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
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     recipient_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     sheet_id TEXT REFERENCES sheets(id) ON DELETE CASCADE,
     actor_id TEXT,
     actor_name TEXT,
     payload TEXT NOT NULL,
     dedupe_key TEXT,
     in_app BOOLEAN NOT NULL,
     created_at TEXT NOT NULL,
     read_at TEXT
   );
   CREATE UNIQUE INDEX notifications_once ON notifications(recipient_id, dedupe_key);
   CREATE INDEX notifications_listed ON notifications(recipient_id, id) WHERE in_app;
   CREATE INDEX notifications_unread ON notifications(recipient_id) WHERE in_app AND read_at IS NULL;
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
     window_ends_ms BIGINT NOT NULL
   );
   CREATE INDEX attempts_by_end ON attempts(window_ends_ms);`,
  // When a task got its person and when its sheet entered the stage: silence counts from the later (issue 13 §4).
  `ALTER TABLE tasks ADD COLUMN assigned_at TEXT;
   ALTER TABLE tasks ADD COLUMN stage_entered_at TEXT;`,
];

/** A row of a log read: the snapshot (id null) or one entry. */
interface LogRow {
  id: number | null;
  data: Buffer;
  through_id: number | null;
}

const TASK_ORDER = 'ORDER BY t.deadline IS NULL, t.deadline COLLATE "C", t.sheet_id COLLATE "C", t.position';
const TASK_COLUMNS = [
  'sheet_id',
  'row_id',
  'position',
  'task',
  'department',
  'person_id',
  'person',
  'deliverable',
  'deadline',
  'status',
  'done_at',
  'assigned_at',
  'stage_entered_at',
  'last_feedback_at',
  'feedback_count',
  'sheet_title',
  'sheet_stage',
  'sheet_urgency',
  'tracker_id',
  'initiator_id',
];

const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

// Names sort by code point, as SQLite's default collation does, whatever the database's locale.
const BY_NAME = `COLLATE "C"`;

/** The database's clock, in the ISO form SQLite rows hold (`Date#toISOString`): one clock for every node. */
const NOW = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The database's clock in milliseconds since the epoch. */
const NOW_MS = `(extract(epoch FROM clock_timestamp()) * 1000)::bigint`;

/** Ids and counts are BIGINT; they stay far below 2^53, so they are read as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// One statement, so one instant: a compaction committing meanwhile cannot split the snapshot from the log.
const SNAPSHOT_AND_LOG = `
  SELECT NULL::bigint AS id, data, through_id FROM sheet_snapshots WHERE sheet_id = $1
  UNION ALL
  SELECT id, data, NULL FROM sheet_updates
   WHERE sheet_id = $1 AND id > COALESCE((SELECT through_id FROM sheet_snapshots WHERE sheet_id = $1), 0)
  ORDER BY id NULLS FIRST`;
const SNAPSHOT_MARK_AND_LOG_AFTER = `
  SELECT NULL::bigint AS id, NULL::bytea AS data, through_id FROM sheet_snapshots WHERE sheet_id = $1
  UNION ALL
  SELECT id, data, NULL FROM sheet_updates WHERE sheet_id = $1 AND id > $2
  ORDER BY id NULLS FIRST`;

/**
 * The shared store for several nodes: PostgreSQL through a connection pool. Migrations run on
 * open, one node at a time. Observable behaviour is the SQLite adapter's (one contract suite).
 */
export async function openPostgresStore(url: string): Promise<Store> {
  // Up to POOL_SIZE connections per node; keep-alive, so that a node lost without closing its connections (and its advisory locks) is noticed.
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, types, application_name: 'concord', keepAlive: true });
  // An idle connection that breaks (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }

  const rows = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<R>(sql, params)).rows;
  const one = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await rows<R>(sql, params))[0] ?? null;
  const transaction = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A connection that cannot even roll back is closed rather than handed out again.
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw err;
    } finally {
      client.release(broken);
    }
  };
  const userBy = async (where: string, value: string) => {
    const row = await one<UserRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE ${where}`, [value]);
    return row ? toUser(row) : null;
  };

  const append = async (db: pg.Pool | pg.PoolClient, sheetId: string, updates: Uint8Array[]) =>
    (await db.query<{ id: number }>('SELECT concord_append($1, $2::bytea[]) AS id', [sheetId, updates])).rows[0].id;
  const since = async (db: pg.Pool | pg.PoolClient, sheetId: string, afterId: number): Promise<LogEntry[]> => {
    const [mark, ...entries] = withMark((await db.query<LogRow>(SNAPSHOT_MARK_AND_LOG_AFTER, [sheetId, afterId])).rows);
    const through = mark?.through_id ?? 0;
    if (afterId < through) throw new CompactedLogError(sheetId, afterId, through);
    return entries.map((r) => ({ id: r.id!, data: bytes(r.data) }));
  };
  // Within this node, appends of one sheet queue here rather than each holding a connection while PostgreSQL makes it wait.
  const appendLocks = new KeyedMutex();

  return {
    people: {
      async countUsers() {
        return (await one<{ n: number }>('SELECT COUNT(*) AS n FROM users'))!.n;
      },
      async createUser(input) {
        const id = randomUUID();
        await pool.query(`INSERT INTO users (id, email, name, department_id, password_hash, is_admin, created_at) VALUES ($1, $2, $3, $4, $5, $6, ${NOW})`, [
          id,
          input.email,
          input.name,
          input.departmentId,
          input.passwordHash,
          input.isAdmin,
        ]);
        return (await userBy('u.id = $1', id))!;
      },
      findUserById: (id) => userBy('u.id = $1', id),
      findUserByEmail: (email) => userBy('u.email = $1', email),
      async passwordHashOf(userId) {
        return (await one<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [userId]))?.password_hash ?? null;
      },
      async setPasswordHash(userId, passwordHash) {
        await pool.query('UPDATE users SET password_hash = $1, session_version = session_version + 1 WHERE id = $2', [passwordHash, userId]);
      },
      async endSessions(userId) {
        return (await one<{ session_version: number }>('UPDATE users SET session_version = session_version + 1 WHERE id = $1 RETURNING session_version', [userId]))?.session_version ?? null;
      },
      async listUsers() {
        return (await rows<UserRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} ORDER BY u.name ${BY_NAME}`)).map(toUser);
      },
      async createDepartment(name) {
        const id = randomUUID();
        await pool.query(`INSERT INTO departments (id, name, created_at) VALUES ($1, $2, ${NOW})`, [id, name]);
        return { id, name, headId: null, headName: null };
      },
      async findDepartmentByName(name) {
        return one<Department & pg.QueryResultRow>(`SELECT ${DEPARTMENT_COLUMNS} FROM ${DEPARTMENT_FROM} WHERE d.name = $1`, [name]);
      },
      async listDepartments() {
        return rows<Department & pg.QueryResultRow>(`SELECT ${DEPARTMENT_COLUMNS} FROM ${DEPARTMENT_FROM} ORDER BY d.name ${BY_NAME}`);
      },
      async setDepartmentHead(departmentId, userId) {
        const changed = await transaction(async (client) => {
          if (userId) await client.query('UPDATE departments SET head_user_id = NULL WHERE head_user_id = $1', [userId]);
          return ((await client.query('UPDATE departments SET head_user_id = $1 WHERE id = $2', [userId, departmentId])).rowCount ?? 0) > 0;
        });
        return changed ? one<Department & pg.QueryResultRow>(`SELECT ${DEPARTMENT_COLUMNS} FROM ${DEPARTMENT_FROM} WHERE d.id = $1`, [departmentId]) : null;
      },
      async createAccessToken(input) {
        const id = randomUUID();
        await pool.query(`INSERT INTO access_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, ${NOW})`, [id, input.userId, input.name, input.tokenHash]);
        return { id };
      },
      async findUserByAccessToken(tokenHash) {
        const row = await one<UserRow>(`SELECT ${USER_COLUMNS} FROM access_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN departments d ON d.id = u.department_id WHERE t.token_hash = $1`, [tokenHash]);
        return row ? toUser(row) : null;
      },
      async listAccessTokens(userId) {
        const found = await rows<{ id: string; name: string; created_at: string }>('SELECT id, name, created_at FROM access_tokens WHERE user_id = $1 ORDER BY created_at DESC, seq DESC', [userId]);
        return found.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
      },
      async revokeAccessToken(userId, id) {
        return ((await pool.query('DELETE FROM access_tokens WHERE user_id = $1 AND id = $2', [userId, id])).rowCount ?? 0) > 0;
      },
      async updateUser(id, change) {
        await pool.query(
          'UPDATE users SET name = COALESCE($2, name), department_id = CASE WHEN $3 THEN $4 ELSE department_id END, is_admin = COALESCE($5, is_admin) WHERE id = $1',
          [id, change.name ?? null, change.departmentId !== undefined, change.departmentId ?? null, change.isAdmin ?? null],
        );
        return userBy('u.id = $1', id);
      },
      async listUsersInDepartment(departmentId) {
        return (await rows<UserRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.department_id = $1 ORDER BY u.name ${BY_NAME}`, [departmentId])).map(toUser);
      },
    },
    sheets: {
      async createSheet({ id, createdBy, summary, firstUpdate }) {
        await transaction(async (client) => {
          const { at } = (await client.query<{ at: string }>(`SELECT ${NOW} AS at`)).rows[0];
          await client.query('INSERT INTO sheets (id, created_by, created_at, updated_at, summary) VALUES ($1, $2, $3, $3, $4)', [id, createdBy, at, JSON.stringify(summary)]);
          await client.query('INSERT INTO members (sheet_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)', [id, createdBy, 'facilitator', at]);
          await append(client, id, [firstUpdate]);
        });
        return toSheet((await one<SheetRow>('SELECT * FROM sheets WHERE id = $1', [id]))!);
      },
      async getSheet(id) {
        const row = await one<SheetRow>('SELECT * FROM sheets WHERE id = $1', [id]);
        return row ? toSheet(row) : null;
      },
      async updateSummary(id, summary) {
        await pool.query(`UPDATE sheets SET summary = $2, updated_at = ${NOW} WHERE id = $1`, [id, JSON.stringify(summary)]);
      },
      async listSheetsOf(userId) {
        const found = await rows<SheetRow & { role: Role }>('SELECT s.*, m.role FROM sheets s JOIN members m ON m.sheet_id = s.id WHERE m.user_id = $1 ORDER BY s.updated_at DESC', [userId]);
        return found.map((row) => ({ ...toSheet(row), role: row.role }));
      },
      async roleOf(sheetId, userId) {
        return (await one<{ role: Role }>('SELECT role FROM members WHERE sheet_id = $1 AND user_id = $2', [sheetId, userId]))?.role ?? null;
      },
      async setMember(sheetId, userId, role) {
        await pool.query(
          `INSERT INTO members (sheet_id, user_id, role, added_at) VALUES ($1, $2, $3, ${NOW}) ON CONFLICT (sheet_id, user_id) DO UPDATE SET role = excluded.role`,
          [sheetId, userId, role],
        );
      },
      async removeMember(sheetId, userId) {
        return ((await pool.query('DELETE FROM members WHERE sheet_id = $1 AND user_id = $2', [sheetId, userId])).rowCount ?? 0) > 0;
      },
      async listMembers(sheetId) {
        const found = await rows<UserRow & { role: Role }>(
          `SELECT m.role, ${USER_COLUMNS} FROM members m JOIN users u ON u.id = m.user_id LEFT JOIN departments d ON d.id = u.department_id WHERE m.sheet_id = $1 ORDER BY m.added_at, m.seq`,
          [sheetId],
        );
        return found.map((row): Member => ({ userId: row.id, email: row.email, name: row.name, departmentName: row.department_name, role: row.role }));
      },
    },
    updates: {
      append(sheetId, updates) {
        return appendLocks.run(sheetId, () => append(pool, sheetId, updates));
      },
      async load(sheetId): Promise<StoredDocument> {
        const [snapshot, ...entries] = withMark((await pool.query<LogRow>(SNAPSHOT_AND_LOG, [sheetId])).rows);
        return {
          snapshot: snapshot ? bytes(snapshot.data) : null,
          updates: entries.map((r) => bytes(r.data)),
          throughId: entries.length ? entries[entries.length - 1].id! : (snapshot?.through_id ?? 0),
        };
      },
      async compact(sheetId, snapshot, throughId) {
        await transaction(async (client) => {
          await client.query(
            'INSERT INTO sheet_snapshots (sheet_id, through_id, data) VALUES ($1, $2, $3) ON CONFLICT (sheet_id) DO UPDATE SET through_id = excluded.through_id, data = excluded.data WHERE excluded.through_id > sheet_snapshots.through_id',
            [sheetId, throughId, snapshot],
          );
          // Ids of a sheet commit in order, so every entry up to throughId was visible to whoever built the snapshot.
          await client.query('DELETE FROM sheet_updates WHERE sheet_id = $1 AND id <= $2', [sheetId, throughId]);
        });
      },
      async pendingCount(sheetId) {
        const row = await one<{ n: number }>(
          'SELECT COUNT(*) AS n FROM sheet_updates WHERE sheet_id = $1 AND id > COALESCE((SELECT through_id FROM sheet_snapshots WHERE sheet_id = $1), 0)',
          [sheetId],
        );
        return row!.n;
      },
      since(sheetId, afterId) {
        return since(pool, sheetId, afterId);
      },
      exclusive(sheetId, fn) {
        return appendLocks.run(sheetId, async () => {
          const client = await pool.connect();
          let reusable = false;
          try {
            // A session lock: each append inside commits on its own (concord_append's transaction lock nests in it).
            await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [SHEET_LOCK_CLASS, sheetId]);
            const log: ExclusiveLog = { since: (afterId) => since(client, sheetId, afterId), append: (updates) => append(client, sheetId, updates) };
            try {
              return await fn(log);
            } finally {
              await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SHEET_LOCK_CLASS, sheetId]);
              reusable = true;
            }
          } finally {
            // A connection that failed to unlock is closed, which releases the lock with its session.
            client.release(!reusable);
          }
        });
      },
    },
    history: {
      async record(e) {
        const row = await one<ActivityRow>(`INSERT INTO activity (sheet_id, at, actor_id, actor_name, kind, detail) VALUES ($1, ${NOW}, $2, $3, $4, $5) RETURNING *`, [
          e.sheetId,
          e.actorId,
          e.actorName,
          e.kind,
          JSON.stringify(e.detail),
        ]);
        return toEvent(row!);
      },
      async events(sheetId, limit) {
        return (await rows<ActivityRow>('SELECT * FROM activity WHERE sheet_id = $1 ORDER BY id DESC LIMIT $2', [sheetId, limit])).map(toEvent);
      },
      async saveVersion(v) {
        const row = await one<VersionRow>(
          `INSERT INTO versions (sheet_id, at, actor_id, actor_name, name, kind, state) VALUES ($1, ${NOW}, $2, $3, $4, $5, $6) RETURNING id, sheet_id, at, actor_id, actor_name, name, kind`,
          [v.sheetId, v.actorId, v.actorName, v.name, v.kind, v.state],
        );
        return toVersion(row!);
      },
      async versions(sheetId) {
        return (await rows<VersionRow>('SELECT id, sheet_id, at, actor_id, actor_name, name, kind FROM versions WHERE sheet_id = $1 ORDER BY id DESC', [sheetId])).map(toVersion);
      },
      async version(sheetId, id) {
        const row = await one<VersionRow>('SELECT * FROM versions WHERE sheet_id = $1 AND id = $2', [sheetId, id]);
        return row ? { ...toVersion(row), state: bytes(row.state!) } : null;
      },
    },
    shareLinks: {
      async create(link) {
        const row = await one<ShareLinkRow>(
          `INSERT INTO share_links (id, sheet_id, token_hash, created_by, created_at, expires_at, password_hash) VALUES ($1, $2, $3, $4, ${NOW}, $5, $6) RETURNING *`,
          [randomUUID(), link.sheetId, link.tokenHash, link.createdBy, link.expiresAt, link.passwordHash],
        );
        return toShareLink(row!);
      },
      async findByTokenHash(tokenHash) {
        const row = await one<ShareLinkRow>('SELECT * FROM share_links WHERE token_hash = $1', [tokenHash]);
        return row ? toShareLink(row) : null;
      },
      async listForSheet(sheetId) {
        return (await rows<ShareLinkRow>('SELECT * FROM share_links WHERE sheet_id = $1 ORDER BY created_at DESC, seq DESC', [sheetId])).map(toShareLink);
      },
      async revoke(id) {
        await pool.query(`UPDATE share_links SET revoked_at = ${NOW} WHERE id = $1 AND revoked_at IS NULL`, [id]);
      },
      async revokeAllForSheet(sheetId) {
        return (await pool.query(`UPDATE share_links SET revoked_at = ${NOW} WHERE sheet_id = $1 AND revoked_at IS NULL`, [sheetId])).rowCount ?? 0;
      },
    },
    tasks: {
      async replaceForSheet(sheetId, tasks) {
        await transaction(async (client) => {
          // Nodes re-index the same sheet: one at a time, or the second's inserts collide with the first's.
          await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [TASKS_LOCK_CLASS, sheetId]);
          const kept = await client.query<KeptTaskRow>(`SELECT ${KEPT_TASK_COLUMNS} FROM tasks WHERE sheet_id = $1`, [sheetId]);
          const before = new Map(kept.rows.map((r) => [r.row_id, r]));
          const at = (await client.query<{ at: string }>(`SELECT ${NOW} AS at`)).rows[0].at;
          await client.query('DELETE FROM tasks WHERE sheet_id = $1', [sheetId]);
          for (const t of tasks) {
            const values = [sheetId, t.rowId, t.position, t.task, t.department, t.personId, t.person, t.deliverable, t.deadline, t.status];
            const { doneAt, assignedAt } = keptTimes(before.get(t.rowId), t, at);
            values.push(doneAt, assignedAt, t.stageEnteredAt, t.lastFeedbackAt, t.feedbackCount, t.sheetTitle, t.sheetStage, t.sheetUrgency, t.trackerId, t.initiatorId);
            await client.query(`INSERT INTO tasks (${TASK_COLUMNS.join(', ')}) VALUES (${TASK_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`, values);
          }
        });
      },
      async ofSheet(sheetId) {
        return (await rows<TaskRow>('SELECT * FROM tasks t WHERE t.sheet_id = $1 ORDER BY t.position', [sheetId])).map(toTask);
      },
      async assignedTo(userId, departmentName) {
        return (
          await rows<TaskRow>(
            `SELECT t.* FROM tasks t JOIN members m ON m.sheet_id = t.sheet_id AND m.user_id = $1
             WHERE t.person_id = $1 OR ($2::text IS NOT NULL AND t.department = $2) ${TASK_ORDER}`,
            [userId, departmentName],
          )
        ).map(toTask);
      },
      async trackedBy(userId) {
        return (
          await rows<TaskRow>(
            `SELECT t.* FROM tasks t JOIN members m ON m.sheet_id = t.sheet_id AND m.user_id = $1
             WHERE t.tracker_id = $1 OR t.initiator_id = $1 OR m.role = 'facilitator' ${TASK_ORDER}`,
            [userId],
          )
        ).map(toTask);
      },
      async openWithDeadlines() {
        return (await rows<TaskRow>(`SELECT * FROM tasks t WHERE t.status <> 'done' AND t.deadline IS NOT NULL AND t.sheet_stage <> 'archived' ${TASK_ORDER}`)).map(toTask);
      },
      async departmentCounts({ today, weekEnd, department }) {
        return rows<DepartmentTaskCounts & pg.QueryResultRow>(
          `SELECT department, COUNT(*) AS open,
                  COUNT(*) FILTER (WHERE deadline COLLATE "C" < $1) AS overdue,
                  COUNT(*) FILTER (WHERE deadline COLLATE "C" >= $1 AND deadline COLLATE "C" <= $2) AS "dueThisWeek"
           FROM tasks WHERE status <> 'done' AND sheet_stage <> 'archived' AND ($3::text IS NULL OR department = $3)
           GROUP BY department ORDER BY overdue DESC, open DESC, department ${BY_NAME}`,
          [today, weekEnd, department ?? null],
        );
      },
      async openSheetCounts({ department }) {
        return rows<{ stage: Stage; urgency: Urgency; count: number }>(
          `SELECT summary::jsonb->>'stage' AS stage, summary::jsonb->>'urgency' AS urgency, COUNT(*) AS count FROM sheets
           WHERE summary::jsonb->>'stage' <> 'archived'
             AND ($1::text IS NULL OR summary::jsonb->'departments' ? $1)
           GROUP BY 1, 2 ORDER BY 1, 2`,
          [department ?? null],
        );
      },
      async staleDaysOf(userId) {
        return (await one<{ stale_days: number }>('SELECT stale_days FROM tracking_settings WHERE user_id = $1', [userId]))?.stale_days ?? null;
      },
      async setStaleDays(userId, days) {
        await pool.query('INSERT INTO tracking_settings (user_id, stale_days) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET stale_days = excluded.stale_days', [userId, days]);
      },
    },
    notifications: {
      async add(n) {
        const row = await one<NotificationRow>(
          `INSERT INTO notifications (recipient_id, kind, sheet_id, actor_id, actor_name, payload, dedupe_key, in_app, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${NOW})
           ON CONFLICT (recipient_id, dedupe_key) DO NOTHING RETURNING ${NOTIFICATION_COLUMNS}`,
          [n.recipientId, n.kind, n.sheetId, n.actorId, n.actorName, JSON.stringify(n.payload), n.key, n.inApp],
        );
        return row ? toNotification(row) : null;
      },
      async collapse(n, windowMs, merge) {
        return transaction(async (client) => {
          const found = await client.query<NotificationRow>(
            `SELECT ${NOTIFICATION_COLUMNS} FROM notifications
             WHERE recipient_id = $1 AND kind = $2 AND sheet_id IS NOT DISTINCT FROM $3 AND read_at IS NULL
               AND created_at >= to_char((clock_timestamp() - $4 * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
             ORDER BY id DESC LIMIT 1 FOR UPDATE`,
            [n.recipientId, n.kind, n.sheetId, windowMs],
          );
          const replaced = found.rows[0] ? toNotification(found.rows[0]) : null;
          if (replaced) await client.query('DELETE FROM notifications WHERE id = $1', [replaced.id]);
          const payload = replaced ? merge(replaced.payload) : n.payload;
          const inserted = await client.query<NotificationRow>(
            `INSERT INTO notifications (recipient_id, kind, sheet_id, actor_id, actor_name, payload, dedupe_key, in_app, created_at) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, ${NOW})
             RETURNING ${NOTIFICATION_COLUMNS}`,
            [n.recipientId, n.kind, n.sheetId, n.actorId, n.actorName, JSON.stringify(payload), n.inApp],
          );
          return { notification: toNotification(inserted.rows[0]), replaced };
        });
      },
      async list(recipientId, page) {
        return (
          await rows<NotificationRow>(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE recipient_id = $1 AND in_app AND id < $2 ORDER BY id DESC LIMIT $3`, [
            recipientId,
            page.before ?? Number.MAX_SAFE_INTEGER,
            page.limit,
          ])
        ).map(toNotification);
      },
      async unreadCount(recipientId) {
        return (await one<{ n: number }>('SELECT COUNT(*) AS n FROM notifications WHERE recipient_id = $1 AND in_app AND read_at IS NULL', [recipientId]))!.n;
      },
      async markRead(recipientId, ids) {
        const result =
          ids === 'all'
            ? await pool.query(`UPDATE notifications SET read_at = ${NOW} WHERE recipient_id = $1 AND read_at IS NULL`, [recipientId])
            : await pool.query(`UPDATE notifications SET read_at = ${NOW} WHERE recipient_id = $1 AND id = ANY($2::bigint[]) AND read_at IS NULL`, [recipientId, ids]);
        return result.rowCount ?? 0;
      },
      async preferences(userId) {
        const row = await one<{ preferences: string }>('SELECT preferences FROM notification_preferences WHERE user_id = $1', [userId]);
        return row ? (JSON.parse(row.preferences) as NotificationPreferences) : null;
      },
      async setPreferences(userId, preferences) {
        await pool.query('INSERT INTO notification_preferences (user_id, preferences) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET preferences = excluded.preferences', [
          userId,
          JSON.stringify(preferences),
        ]);
      },
    },
    attempts: {
      async hit(key, windowMs) {
        // One statement on the database's clock: every node counts in the same window. A window
        // that ended starts again at one.
        const row = await one<{ count: number; retry_ms: number }>(
          `INSERT INTO attempts AS a (key, count, window_ends_ms) VALUES ($1, 1, ${NOW_MS} + $2)
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN a.window_ends_ms <= ${NOW_MS} THEN 1 ELSE a.count + 1 END,
             window_ends_ms = CASE WHEN a.window_ends_ms <= ${NOW_MS} THEN excluded.window_ends_ms ELSE a.window_ends_ms END
           RETURNING count, window_ends_ms - ${NOW_MS} AS retry_ms`,
          [key, windowMs],
        );
        await pool.query(`DELETE FROM attempts WHERE window_ends_ms <= ${NOW_MS} - $1`, [windowMs]);
        return { count: row!.count, retryAfterMs: Number(row!.retry_ms) };
      },
      async forgive(key) {
        await pool.query('UPDATE attempts SET count = count - 1 WHERE key = $1 AND count > 0', [key]);
      },
      async clear(key) {
        await pool.query('DELETE FROM attempts WHERE key = $1', [key]);
      },
    },
    async close() {
      await pool.end();
    },
  };
}

/** Puts the snapshot's row (id null), if any, first, as `ORDER BY id NULLS FIRST` returns it. */
function withMark(found: LogRow[]): [LogRow | undefined, ...LogRow[]] {
  return found[0]?.id === null ? (found as [LogRow, ...LogRow[]]) : [undefined, ...found];
}

/**
 * Applies the migrations not yet recorded, each in its own transaction, holding an advisory lock
 * so that nodes starting together take turns (the second finds nothing left to do).
 */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', MIGRATION_LOCK);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
      const applied = (await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0].v ?? 0;
      for (let v = applied; v < MIGRATIONS.length; v++) {
        await client.query('BEGIN');
        try {
          await client.query(MIGRATIONS[v]);
          await client.query(`INSERT INTO schema_migrations (version, applied_at) VALUES ($1, ${NOW})`, [v + 1]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${v + 1} failed: ${(err as Error).message}`, { cause: err });
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', MIGRATION_LOCK);
    }
  } finally {
    client.release();
  }
}
