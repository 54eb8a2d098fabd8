/**
 * Why the sync server refused something or closed a socket. Server and client switch on these
 * codes, never on message text; the client shows the person a localized explanation.
 */
export const SyncClose = {
  /** The update writes a section this role may not write (viewer, commenter outside comments). */
  forbiddenSection: 4403,
  /** The update writes `control`, which only the server writes. */
  controlWrite: 4406,
  /** The update touches a locked section. */
  locked: 4423,
  /** The sheet is archived: nobody writes. */
  archived: 4410,
  /** A field written with a value of the wrong kind (e.g. an unknown urgency, a malformed date). */
  invalidValue: 4422,
  /** A presence (awareness) state that is too large, carries unknown fields, or names an unknown section (P2–P4). */
  invalidPresence: 4432,
  /** The socket sent more than its allowance of messages (R1, R2); reconnecting resends what the server lacks. */
  tooFast: 4429,
  /** The update refers to content the server does not have, or is not a valid Yjs update. */
  malformed: 4400,
  /** A frame over the size limit: the standard "message too big", sent by `ws` before the frame is read. */
  tooLarge: 1009,
  /** The person's access to this sheet changed; reconnect with a fresh token to be checked again. */
  accessChanged: 4401,
  /** The server is shutting down; reconnect shortly. */
  shuttingDown: 4503,
  /** The standard "going away": this node is draining (shutdown, redeploy); reconnect, to another node behind the load balancer. */
  goingAway: 1001,
} as const;
/** Name of one close reason. */
export type SyncCloseReason = keyof typeof SyncClose;

const BY_CODE = new Map<number, SyncCloseReason>(
  (Object.entries(SyncClose) as Array<[SyncCloseReason, number]>).map(([k, v]) => [v, k]),
);

/** The reason for a close code, or null for codes that are not ours (normal closes, network errors). */
export function closeReasonOf(code: number): SyncCloseReason | null {
  return BY_CODE.get(code) ?? null;
}

/** Reasons after which the client's local document may hold changes the server refused. */
export const REFUSALS: ReadonlySet<SyncCloseReason> = new Set(['forbiddenSection', 'controlWrite', 'locked', 'archived', 'invalidValue', 'malformed', 'tooLarge']);

/** Reasons the guard refuses a change for, whatever the entry point. */
export type RefusalReason = 'forbiddenSection' | 'controlWrite' | 'locked' | 'archived' | 'invalidValue' | 'malformed';

/**
 * The HTTP API's error code for each refusal of the guard: a change made through a command is
 * refused with the status that matches the close code its socket twin would get.
 */
export const REFUSAL_ERROR: Record<RefusalReason, 'forbidden' | 'conflict' | 'invalid_request'> = {
  forbiddenSection: 'forbidden',
  controlWrite: 'forbidden',
  locked: 'conflict',
  archived: 'conflict',
  invalidValue: 'invalid_request',
  malformed: 'invalid_request',
};
