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
  /** Lifetime of a sync token, in seconds: long enough to connect, short enough that a stolen one is soon useless. */
  syncTokenSeconds: 300,
  /** Days without progress feedback before the tracker's view flags a task: the default, and the most one may choose. */
  staleDaysDefault: 3,
  staleDaysMax: 90,
  /** Awareness (presence) state of one client, in bytes of JSON. */
  awarenessStateBytes: 8 * 1024,
} as const;
