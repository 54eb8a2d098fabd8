/** Limits defined once and used by the HTTP schemas, the sync server and the editor. */
export const LIMITS = {
  /** Largest WebSocket frame the sync server accepts, in bytes; a whole-state update of a long meeting fits easily. */
  maxFrameBytes: 4 * 1024 * 1024,
  /** Largest JSON body accepted by the HTTP API, in bytes. */
  maxBodyBytes: 256 * 1024,
  /** 协调事项名称: concise and specific. */
  titleChars: 200,
  /** Why a section was locked, a plan changed or a sheet reopened. */
  reasonChars: 500,
  /** One comment, a position or a proposed solution. */
  commentChars: 4000,
  /** A task, a deliverable, a progress note. */
  rowTextChars: 2000,
  /** Names of people and departments. */
  nameChars: 100,
  emailChars: 254,
  /** Passwords: at least this many characters. */
  passwordMinChars: 10,
  passwordMaxChars: 200,
  /** A share link's password: at least this many characters (a 4-digit one falls to guessing in minutes). */
  sharePasswordMinChars: 8,
  /**
   * Failed password attempts (W3) counted in windows of `attemptWindowMs`: per account, per
   * client address (higher: a whole office may share one), per share link. Past the count: 429.
   */
  attemptWindowMs: 15 * 60_000,
  signInFailuresPerAccount: 10,
  signInFailuresPerAddress: 30,
  sharePasswordFailures: 10,
  /** Lifetime of a sync token, in seconds: long enough to connect, short enough that a stolen one is soon useless. */
  syncTokenSeconds: 300,
  /** Days without progress feedback before the tracker's view flags a task: the default, and the most one may choose. */
  staleDaysDefault: 3,
  staleDaysMax: 90,
  /** Awareness (presence) state of one client, in bytes of JSON (P2): an honest one (person, caret, section) is a few hundred. */
  awarenessStateBytes: 4 * 1024,
  /** Sync sockets one person may hold open on one sheet at once, per node (P5): tabs and devices, with room to spare. */
  syncSocketsPerPerson: 8,
  /**
   * Messages a socket may send at once (R1, R2), then per second: document messages and its own
   * presence changes, each counted apart. A fast typist sends about 15 keystrokes a second, key
   * repeat about 30; a reconnect is one sync step.
   */
  syncBurst: 200,
  syncPerSecond: 50,
  /** Rich text (V7): elements nested at most this deep (lists in tables in quotes stay far below), each attribute value at most this many bytes of JSON. */
  richTextDepth: 64,
  richTextAttrBytes: 8 * 1024,
  /** Table cells span at most this many rows or columns (V6). */
  richTextSpanMax: 1000,
  /** Nodes one HTTP write of a rich-text section may hold. */
  richTextNodes: 20_000,
  /** Open tasks and disputes one archiving may settle: more than any sheet holds. */
  settledItems: 1000,
} as const;
