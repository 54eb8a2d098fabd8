import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testDatabaseUrl } from '../support/postgres';

const root = path.resolve(import.meta.dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/**
 * The real app (`server/main.ts`, Next.js included) in a child process on a free port with a fresh
 * DATA_DIR (and a fresh PostgreSQL database in the `server-on-postgres` test project).
 */
export class AppProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly base: string,
    readonly dataDir: string,
    private readonly storeEnv: Record<string, string>,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<AppProcess> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'concord-api-'));
    const databaseUrl = await testDatabaseUrl();
    const storeEnv: Record<string, string> = { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const child = spawn(tsx, ['server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...storeEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let seen = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /"event":"concord\.started".*?"port":(\d+)/.exec(seen);
        if (match) resolve(Number(match[1]));
      });
      child.stderr!.on('data', (chunk: Buffer) => (seen += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`app exited with ${code} before starting:\n${seen}`)));
    });
    return new AppProcess(child, `http://127.0.0.1:${port}`, dataDir, storeEnv);
  }

  /** The first administrator, made through `/api/v1/setup` as the first-run page does, signed in. */
  async setupAdmin(person: { email: string; name: string; password: string; department?: string }): Promise<Session> {
    const res = await fetch(`${this.base}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(person) });
    if (res.status !== 201) throw new Error(`setup answered ${res.status}`);
    const session = new Session(this.base);
    if (!(await session.signIn(person.email, person.password))) throw new Error(`${person.email} could not sign in`);
    return session;
  }

  /** Runs the operators' CLI against this app's store; returns its stdout lines. */
  cli(...args: string[]): { status: number | null; lines: string[]; stderr: string } {
    const result = spawnSync(tsx, ['server/cli.ts', ...args], { cwd: root, env: { ...process.env, ...this.storeEnv }, encoding: 'utf8' });
    return { status: result.status, lines: result.stdout.trim().split('\n'), stderr: result.stderr };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** A signed-in browser-like client: keeps next-auth's cookies and sends JSON. */
export class Session {
  private cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  private absorb(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  private get cookieHeader(): string {
    return Array.from(this.cookies, ([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Signs in through next-auth's credentials flow, as the sign-in page does. Returns true on success. */
  async signIn(email: string, password: string): Promise<boolean> {
    await this.signInResponse(email, password);
    return Array.from(this.cookies.keys()).some((k) => k.endsWith('next-auth.session-token'));
  }

  /** The credentials callback's answer itself (`headers` added, e.g. `x-forwarded-for`). */
  async signInResponse(email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
    const csrfToken = await this.csrfToken();
    const res = await fetch(`${this.base}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader, ...headers },
      body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
    });
    this.absorb(res);
    return res;
  }

  /** Signs out through next-auth, as the header's button does. */
  async signOut(): Promise<Response> {
    const csrfToken = await this.csrfToken();
    const res = await fetch(`${this.base}/api/auth/signout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader },
      body: new URLSearchParams({ csrfToken, json: 'true' }),
    });
    this.absorb(res);
    return res;
  }

  /** Another client holding this one's cookies as they are now: a copy of a session, as a thief would keep it. */
  copy(): Session {
    const twin = new Session(this.base);
    twin.cookies = new Map(this.cookies);
    return twin;
  }

  private async csrfToken(): Promise<string> {
    const csrf = await fetch(`${this.base}/api/auth/csrf`, { headers: { cookie: this.cookieHeader } });
    this.absorb(csrf);
    return ((await csrf.json()) as { csrfToken: string }).csrfToken;
  }

  /** A JSON request with this session's cookies; `headers` added or replaced (e.g. `origin`, `content-type`). */
  request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}${url}`, {
      method,
      headers: { cookie: this.cookieHeader, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}

/** A JSON request with a personal access token. */
export function bearer(base: string, token: string) {
  return (method: string, url: string, body?: unknown) =>
    fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}
