import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../lib/sheet/deadlines';
import { defaultNodeId, LOG_LEVELS, type LogLevel } from './log';

/** The validated configuration of one process. Nothing else reads `process.env`. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL shared by every node (`DATABASE_URL`); null: SQLite in `dataDir`. */
  databaseUrl: string | null;
  authSecret: string;
  /** Where people reach the app, e.g. https://concord.example.com; links and cookies use it. */
  publicUrl: string;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  /** The organisation's IANA time zone: a task's deadline is the end of that day there. */
  timeZone: string;
  /** Outgoing mail for notifications (nodemailer transport URL and sender); null sends no email. */
  smtp: { url: string; from: string } | null;
  /** A task's responsible person is reminded this many days before its deadline (and once it is missed). */
  reminderDaysBefore: number;
  /** Redis shared by several nodes (scale-out, `server/sync/CLUSTER.md`); null for a single node. */
  redisUrl: string | null;
  /** This node's name in logs and between nodes: NODE_ID, or host name and process id. */
  nodeId: string;
  /**
   * How many reverse proxies in front of Concord append to `X-Forwarded-For` (TRUST_PROXY, 0 by
   * default): the client's address, for sign-in limits, is the entry that many from the end.
   */
  trustProxy: number;
  dev: boolean;
  /** Running it behind a load balancer: logs, metrics, shutdown. */
  ops: {
    logLevel: LogLevel;
    /** When set, `/metrics` asks for `Authorization: Bearer <token>`; otherwise it answers loopback only. */
    metricsToken: string | null;
    /** After SIGTERM, keep answering HTTP (with `/readyz` 503) this long so the load balancer notices, in ms. */
    shutdownDelayMs: number;
    /** A shutdown that takes longer than this exits with code 1 anyway, in ms. */
    shutdownTimeoutMs: number;
  };
}

const milliseconds = (name: string, fallback: string) =>
  z
    .string()
    .regex(/^\d{1,7}$/, `${name} must be a number of milliseconds`)
    .default(fallback)
    .transform(Number);

const schema = z
  .object({
    PORT: z
      .string()
      .regex(/^\d{1,5}$/, 'PORT must be a port number, 0-65535')
      .default('3000')
      .transform(Number)
      .refine((n) => n <= 65535, 'PORT must be a port number, 0-65535'),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1, 'DATA_DIR must not be empty').default('./data'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/concord' }).optional(),
    AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters (or leave it unset: one is generated in DATA_DIR)').optional(),
    PUBLIC_URL: z.url('PUBLIC_URL must be an absolute URL such as https://concord.example.com').optional(),
    OIDC_ISSUER: z.url('OIDC_ISSUER must be the issuer URL of your identity provider').optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default('企业单点登录 SSO'),
    TIME_ZONE: z.string().default(DEFAULT_TIME_ZONE).refine(isTimeZone, 'TIME_ZONE must be an IANA time zone name such as Asia/Shanghai'),
    SMTP_URL: z
      .url('SMTP_URL must be a mail server URL such as smtps://user:password@smtp.example.com:465')
      .refine((u) => /^smtps?:\/\//.test(u), 'SMTP_URL must start with smtp:// or smtps://')
      .optional(),
    SMTP_FROM: z.string().min(3, 'SMTP_FROM must be a sender address such as "Concord <concord@example.com>"').optional(),
    REMINDER_DAYS_BEFORE: z
      .string()
      .regex(/^\d{1,2}$/, 'REMINDER_DAYS_BEFORE must be a whole number of days, 0-99')
      .default('1')
      .transform(Number),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// or rediss:// URL, such as redis://redis.internal:6379' }).optional(),
    NODE_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'NODE_ID must be 1-64 letters, digits, dots, dashes or underscores')
      .optional(),
    TRUST_PROXY: z
      .string()
      .regex(/^\d$/, 'TRUST_PROXY must be the number of reverse proxies in front of Concord, 0-9')
      .default('0')
      .transform(Number),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
    SHUTDOWN_DELAY_MS: milliseconds('SHUTDOWN_DELAY_MS', '0'),
    SHUTDOWN_TIMEOUT_MS: milliseconds('SHUTDOWN_TIMEOUT_MS', '15000'),
  });

/** Thrown with every problem of the environment at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment once, at start-up. On a first run it creates DATA_DIR and
 * a random secret kept there, so `npm start` needs no configuration.
 */
export function loadConfig(env: Record<string, string | undefined>, options: { dev?: boolean } = {}): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
  const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) problems.push('OIDC: single sign-on needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  if (env.SMTP_URL && !env.SMTP_FROM) problems.push('SMTP: email notifications need SMTP_FROM (the sender address) with SMTP_URL');
  // Nodes verify each other's sessions and sync tokens: one secret, not one generated per node.
  if (env.REDIS_URL && !env.AUTH_SECRET) problems.push('AUTH_SECRET: several nodes (REDIS_URL) must share one AUTH_SECRET; set the same value on every node');
  if (env.REDIS_URL && !env.DATABASE_URL) problems.push('DATABASE_URL: several nodes (REDIS_URL) must share one PostgreSQL database; SQLite is for a single node');
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new ConfigError([`DATA_DIR: cannot create ${dataDir} (${(err as Error).message})`]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    authSecret: e.AUTH_SECRET ?? persistedSecret(dataDir),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    oidc: e.OIDC_ISSUER ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID!, clientSecret: e.OIDC_CLIENT_SECRET!, name: e.OIDC_NAME } : null,
    timeZone: e.TIME_ZONE,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM! } : null,
    reminderDaysBefore: e.REMINDER_DAYS_BEFORE,
    redisUrl: e.REDIS_URL ?? null,
    nodeId: e.NODE_ID ?? defaultNodeId(),
    trustProxy: e.TRUST_PROXY,
    dev: options.dev ?? false,
    ops: {
      logLevel: e.LOG_LEVEL,
      metricsToken: e.METRICS_TOKEN ?? null,
      shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    },
  };
}

function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
}
