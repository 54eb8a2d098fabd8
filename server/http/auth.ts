import type { NextAuthOptions } from 'next-auth';
import { getServerSession } from 'next-auth';
import type { NextRequest } from 'next/server';
import { ERROR_STATUS, errorBody, isAppError } from '../../lib/errors';
import { attemptSucceeded, signInKeys, takeAttempt } from '../auth/attempts';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { checkPassword, endSessions } from '../commands/people';
import { concord } from '../context';
import type { User } from '../store/types';
import { CLIENT_ADDRESS_HEADER } from './origin';

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
}

/** next-auth's configuration: email + password always, the enterprise's OIDC provider when configured. */
export function authOptions(): NextAuthOptions {
  const ctx = concord();
  const providers: NextAuthOptions['providers'] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const user = await checkPassword(ctx.store, credentials.email, credentials.password);
        return user ? { id: user.id, name: user.name, email: user.email } : null;
      },
    }),
  ];
  const oidc = ctx.config.oidc;
  if (oidc) {
    const provider: OAuthConfig<OidcProfile> = {
      id: 'oidc',
      name: oidc.name,
      type: 'oauth',
      wellKnown: `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.preferred_username ?? p.email ?? p.sub }),
    };
    providers.push(provider);
  }
  return {
    secret: ctx.config.authSecret,
    session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
    // HttpOnly and SameSite=Lax always (next-auth's defaults); Secure, with the __Secure- prefix, when people reach Concord over https.
    useSecureCookies: ctx.config.publicUrl.startsWith('https:'),
    pages: { signIn: '/signin' },
    providers,
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        // Single sign-on admits people the enterprise directory vouches for; they start with no department.
        if (!user.email) return false;
        const email = user.email.toLowerCase();
        if (!(await ctx.store.people.findUserByEmail(email))) {
          await ctx.store.people.createUser({ email, name: user.name ?? email, passwordHash: null, isAdmin: false, departmentId: null });
        }
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          const person = account?.provider === 'oidc' ? await ctx.store.people.findUserByEmail(user.email!.toLowerCase()) : await ctx.store.people.findUserById(user.id);
          token.uid = person?.id;
          // The session holds while the person's session version is this one (W4).
          token.sv = person?.sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
    events: {
      // Signing out ends the person's every session, not only this cookie: a copy of it is worth nothing.
      async signOut({ token }) {
        if (typeof token?.uid === 'string' && token.sv === (await ctx.store.people.findUserById(token.uid))?.sessionVersion) await endSessions(ctx, token.uid);
      },
    },
  };
}

/**
 * The signed-in person of the current request (session cookie), or null. Read from the store on
 * every request: a session whose version was raised since it began (sign-out, password change,
 * "sign out everywhere") is no session (W4), and roles are never cached.
 */
export async function sessionUser(): Promise<User | null> {
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number } | null;
  if (!session?.uid) return null;
  const user = await concord().store.people.findUserById(session.uid);
  return user && user.sessionVersion === (session.sv ?? 0) ? user : null;
}

/**
 * A sign-in with email and password (next-auth's credentials callback), no more than
 * `LIMITS.signInFailuresPerAccount` failures per account and `signInFailuresPerAddress` per
 * client address in a window (W3): past either, 429 with `Retry-After`, and the password is not
 * even checked. A success clears the account's count.
 */
export async function limitedSignIn(req: NextRequest, signIn: () => Promise<Response>): Promise<Response> {
  const form = await req
    .clone()
    .formData()
    .catch(() => null);
  const keys = signInKeys(String(form?.get('email') ?? ''), req.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown');
  try {
    await takeAttempt(concord().store.attempts, keys);
  } catch (err) {
    if (!isAppError(err)) throw err;
    const { retryAfterSeconds } = err.details as { retryAfterSeconds: number };
    // The API's error shape; next-auth's own client reads `url` and its `error`, Concord's form the status and `Retry-After`.
    const body = { ...errorBody(err.code, err.message, err.details), url: `${concord().config.publicUrl}/signin?error=TooManyAttempts` };
    return Response.json(body, { status: ERROR_STATUS[err.code], headers: { 'Retry-After': String(retryAfterSeconds) } });
  }
  const response = await signIn();
  if (response.headers.getSetCookie().some((c) => /session-token=[^;]/.test(c))) await attemptSucceeded(concord().store.attempts, keys);
  return response;
}
